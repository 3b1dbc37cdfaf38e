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
        fd = try io.open(path, flags: O_RDWR | O_CREAT | O_NOFOLLOW, mode: 0o644, operation: "open lock")
        var result: Int32
        repeat {
            result = flock(fd, LOCK_EX | LOCK_NB)
        } while result != 0 && errno == EINTR
        if result != 0 {
            let code = errno
            let holder = ProfileLock.waitForPID(fd)
            io.close(fd)
            if code == EWOULDBLOCK {
                throw .locked(profile: profile, lockFile: path, pid: holder)
            }
            throw .from(errno: code, operation: "lock", file: path)
        }
        // Overwrite, then cut: the file is never empty between two holders, so a process refused
        // the lock can always name the holder.
        let pid = Array("\(getpid())\n".utf8)
        do {
            try io.writeAll(fd, pid, path: path)
            try io.truncate(fd, to: pid.count, path: path)
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

    /// The holder's PID. A holder that has only just taken the lock of a new, empty file writes
    /// it within microseconds, so an empty file is read again a few times before giving up.
    private static func waitForPID(_ fd: Int32) -> Int32? {
        for _ in 0..<200 {
            if let pid = readPID(fd) { return pid }
            usleep(500)
        }
        return nil
    }

    private static func readPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let digits = buffer[..<count].prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        return Int32(String(decoding: digits, as: UTF8.self)).flatMap { $0 > 0 ? $0 : nil }
    }
}
