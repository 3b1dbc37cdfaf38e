#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// The advisory lock that makes one process the only writer of a profile.
///
/// `flock` on `<profile>.lock`, with the holder's PID written in the file so a second process can
/// say who holds it. The kernel drops the lock when the holder exits, even if it is killed.
final class ProfileLock {
    let path: String
    private var fd: Int32

    init(path: String, profile: String, io: FileIO) throws(ProgressError) {
        self.path = path
        fd = try io.open(path, flags: O_RDWR | O_CREAT, mode: 0o644, operation: "open lock")
        var result: Int32
        repeat {
            result = flock(fd, LOCK_EX | LOCK_NB)
        } while result != 0 && errno == EINTR
        if result != 0 {
            let code = errno
            let holder = ProfileLock.readPID(fd)
            io.close(fd)
            if code == EWOULDBLOCK {
                throw .locked(profile: profile, lockFile: path, pid: holder)
            }
            throw .from(errno: code, operation: "lock", file: path)
        }
        do {
            try io.truncate(fd, to: 0, path: path)
            try io.writeAll(fd, Array("\(getpid())\n".utf8), path: path)
        } catch {
            io.close(fd)
            throw error
        }
    }

    deinit {
        release()
    }

    /// Releases the lock; the file stays, naming the last holder.
    func release() {
        guard fd >= 0 else { return }
        _ = flock(fd, LOCK_UN)
        _ = close(fd)
        fd = -1
    }

    private static func readPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let digits = buffer[..<count].prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        return Int32(String(decoding: digits, as: UTF8.self))
    }
}
