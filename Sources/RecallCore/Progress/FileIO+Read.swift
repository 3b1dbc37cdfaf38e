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
        var bytes = [UInt8]()
        bytes.reserveCapacity(Int(info.st_size) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: chunk[..<count])
            } else if count == 0 {
                return Data(bytes)
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
