import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

extension FileIO {
    /// Opens a file for reading: its descriptor and size, or nil if it does not exist.
    private static func openForReading(_ path: String) throws(ProgressError) -> (fd: Int32, size: Int)? {
        var fd: Int32
        repeat {
            fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        } while fd < 0 && errno == EINTR
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw .from(errno: errno, operation: "open for reading", file: path)
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            _ = Glibc.close(fd)
            throw .from(errno: code, operation: "stat", file: path)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            _ = Glibc.close(fd)
            throw .system(file: path, operation: "read", code: EISDIR)
        }
        return (fd, Int(max(info.st_size, 0)))
    }

    /// The file's bytes as an array (what `JSONScanner` reads), or nil if it does not exist.
    static func readBytesIfExists(_ path: String) throws(ProgressError) -> [UInt8]? {
        guard let (fd, size) = try openForReading(path) else { return nil }
        defer { _ = Glibc.close(fd) }
        // Read into uninitialised memory: no pass over hundreds of megabytes to zero them first.
        var bytes = try [UInt8](unsafeUninitializedCapacity: size) { buffer, count throws(ProgressError) in
            guard let base = buffer.baseAddress else { return }
            while count < size {
                let read = Glibc.read(fd, base + count, size - count)
                if read > 0 {
                    count += read
                } else if read == 0 {
                    return
                } else if errno != EINTR {
                    throw .from(errno: errno, operation: "read", file: path)
                }
            }
        }
        if bytes.count < size { return bytes }  // the file shrank since fstat
        // The file may have grown since fstat: read on until its end.
        var more = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = more.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.read(fd, base, buffer.count)
            }
            if count > 0 {
                bytes += more[..<count]
            } else if count == 0 {
                return bytes
            } else if errno != EINTR {
                throw .from(errno: errno, operation: "read", file: path)
            }
        }
    }

    /// The file's bytes, or nil if it does not exist.
    static func readIfExists(_ path: String) throws(ProgressError) -> Data? {
        guard let (fd, size) = try openForReading(path) else { return nil }
        defer { _ = Glibc.close(fd) }
        // Read straight into the Data that is returned: snapshots can be hundreds of megabytes.
        var data = Data(count: size)
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
