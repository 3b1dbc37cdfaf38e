import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

extension FileIO {
    /// The file's bytes, or nil if it does not exist.
    static func readIfExists(_ path: String) throws(ProgressError) -> Data? {
        var fd: Int32
        repeat {
            fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        } while fd < 0 && errno == EINTR
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw .from(errno: errno, operation: "open for reading", file: path)
        }
        defer { _ = Glibc.close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .from(errno: errno, operation: "stat", file: path) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw .system(file: path, operation: "read", code: EISDIR)
        }
        // Read straight into the Data that is returned: snapshots can be hundreds of megabytes.
        var data = Data(count: Int(max(info.st_size, 0)))
        var filled = 0
        while true {
            if filled == data.count { data.count += 1 << 16 }  // the file grew since fstat
            let count = data.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.read(fd, base + filled, buffer.count - filled)
            }
            if count > 0 {
                filled += count
            } else if count == 0 {
                data.count = filled
                return data
            } else if errno != EINTR {
                throw .from(errno: errno, operation: "read", file: path)
            }
        }
    }

    /// Creates `path` and its missing parents (like `mkdir -p`).
    func createDirectories(_ path: String) throws(ProgressError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            guard mkdir(prefix, 0o755) != 0 else { continue }
            let code = errno
            var info = stat()
            if code != EEXIST {
                throw .from(errno: code, operation: "create folder", file: prefix)
            }
            if stat(prefix, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR {
                throw .system(file: prefix, operation: "create folder", code: ENOTDIR)
            }
        }
    }
}
