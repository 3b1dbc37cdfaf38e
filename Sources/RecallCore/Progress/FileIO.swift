#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Durable file operations on top of `FileSystemCalls`: retries on EINTR, loops over short writes,
/// and turns errno into `ProgressError`.
struct FileIO: Sendable {
    let calls: any FileSystemCalls

    init(_ calls: any FileSystemCalls = POSIXFileSystem()) {
        self.calls = calls
    }

    func open(_ path: String, flags: Int32, mode: UInt32 = 0o644, operation: String) throws(ProgressError)
        -> Int32
    {
        while true {
            let fd = calls.open(path, flags: flags | O_CLOEXEC, mode: mode)
            if fd >= 0 { return fd }
            if -fd != EINTR { throw .from(errno: -fd, operation: operation, file: path) }
        }
    }

    /// Writes every byte, however many calls it takes.
    func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(ProgressError) {
        var offset = 0
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                calls.write(fd, UnsafeRawBufferPointer(rebasing: buffer[offset...]))
            }
            if result > 0 {
                offset += result
            } else if result == 0 {
                // A regular file returns 0 only when nothing more fits.
                throw .diskFull(file: path)
            } else if -result != Int(EINTR) {
                throw .from(errno: Int32(-result), operation: "write", file: path)
            }
        }
    }

    func fsync(_ fd: Int32, path: String) throws(ProgressError) {
        while true {
            let result = calls.fsync(fd)
            if result == 0 { return }
            if -result != EINTR { throw .from(errno: -result, operation: "fsync", file: path) }
        }
    }

    func truncate(_ fd: Int32, to length: Int, path: String) throws(ProgressError) {
        while true {
            let result = calls.ftruncate(fd, length: length)
            if result == 0 { return }
            if -result != EINTR { throw .from(errno: -result, operation: "truncate", file: path) }
        }
    }

    /// Renames `from` to `to` (atomic within a file system); the caller fsyncs the folders.
    func rename(_ from: String, to: String) throws(ProgressError) {
        let result = calls.rename(from, to: to)
        if result != 0 { throw .from(errno: -result, operation: "rename", file: from) }
    }

    /// Closes without retrying: on Linux the descriptor is gone even when close reports EINTR.
    func close(_ fd: Int32) {
        _ = calls.close(fd)
    }

    /// Makes a rename or a new file in `directory` durable.
    func fsyncDirectory(_ directory: String) throws(ProgressError) {
        let fd = try open(directory, flags: O_RDONLY | O_DIRECTORY, operation: "open folder")
        defer { close(fd) }
        try fsync(fd, path: directory)
    }

    /// Replaces `path` with `bytes` so that a crash at any moment leaves either the old file or
    /// the new one: write a temporary file beside it, fsync it, rename it over, fsync the folder.
    ///
    /// On failure the temporary file is removed and `path` is untouched.
    func replaceAtomically(_ path: String, with bytes: [UInt8]) throws(ProgressError) {
        let temporary = path + ".tmp"
        let directory = FileIO.directory(of: path)
        // A leftover (or planted) temporary file or link is removed, never written through.
        if unlink(temporary) != 0, errno != ENOENT {
            throw errno == EISDIR
                ? .system(file: temporary, operation: "create", code: EISDIR)
                : .from(errno: errno, operation: "remove", file: temporary)
        }
        let fd = try open(
            temporary, flags: O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode: 0o644, operation: "create")
        do {
            try writeAll(fd, bytes, path: temporary)
            try fsync(fd, path: temporary)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        let renamed = calls.rename(temporary, to: path)
        if renamed != 0 {
            unlink(temporary)
            throw .from(errno: -renamed, operation: "rename", file: path)
        }
        try fsyncDirectory(directory)
    }

    /// Refuses a folder other users can write to, unless it is sticky and owned by this user
    /// (where others cannot replace this user's files): a link planted there could redirect writes.
    static func checkPrivate(folder: String) throws(ProgressError) {
        var info = stat()
        guard stat(folder, &info) == 0 else { return }
        let othersWrite = info.st_mode & S_IWOTH != 0
        let sticky = info.st_mode & S_ISVTX != 0
        if othersWrite && !(sticky && info.st_uid == geteuid()) {
            throw .unsafeFolder(
                path: folder,
                reason: sticky
                    ? "others can write to it and it belongs to another user" : "others can write to it")
        }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }
}
