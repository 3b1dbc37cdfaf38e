public import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Writing a file the user named (`export -o`, the deck file `import` writes) without ever
/// replacing what is not a regular file.
///
/// A device, FIFO, socket or terminal is written through, as a shell redirection would; a
/// symbolic link is followed and the regular file it ends at is replaced atomically (the link
/// stays); anything else is written beside its destination, fsynced and renamed over it.
public enum OutputFile {
    /// Writes `data` to `url` as described above.
    public static func write(_ data: Data, to url: URL) throws(InterchangeError) {
        let target = resolve(url.path)
        if isSpecial(target) {
            try writeThrough(data, to: target)
            return
        }
        let directory = (target as NSString).deletingLastPathComponent
        let temporary =
            (directory.isEmpty ? "." : directory)
            + "/.\((target as NSString).lastPathComponent).\(UUID().uuidString).tmp"
        let fd = Glibc.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: target, reason: String(cString: strerror(errno))) }
        do throws(InterchangeError) {
            try writeAll(data, to: fd, path: target)
            guard fsync(fd) == 0 else {
                throw InterchangeError.io(path: target, reason: String(cString: strerror(errno)))
            }
        } catch {
            _ = Glibc.close(fd)
            unlink(temporary)
            throw error
        }
        _ = Glibc.close(fd)
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .io(path: target, reason: reason)
        }
    }

    /// The path a chain of symbolic links at `path` ends at (the path itself if it is no link;
    /// a dangling link's target, which will be created).
    public static func resolve(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count > 0 else { return current }
            let destination = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current =
                destination.hasPrefix("/")
                ? destination
                : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(
                    destination)
        }
        return current
    }

    /// Whether `path` exists and is not a regular file or folder: a device, FIFO or socket.
    public static func isSpecial(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type != S_IFREG && type != S_IFDIR
    }

    /// Writes to standard output (`-o -`).
    public static func writeToStandardOutput(_ data: Data) throws(InterchangeError) {
        try writeAll(data, to: STDOUT_FILENO, path: "standard output")
    }

    private static func writeThrough(_ data: Data, to path: String) throws(InterchangeError) {
        let fd = Glibc.open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        defer { _ = Glibc.close(fd) }
        try writeAll(data, to: fd, path: path)
    }

    private static func writeAll(_ data: Data, to fd: Int32, path: String) throws(InterchangeError) {
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.write(fd, base + offset, buffer.count - offset)
            }
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                throw .io(
                    path: path, reason: written == 0 ? "no space left" : String(cString: strerror(errno)))
            }
        }
    }
}
