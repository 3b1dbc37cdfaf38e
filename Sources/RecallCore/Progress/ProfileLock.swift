#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// The advisory lock that makes one process the only writer of a profile.
///
/// `flock` on `<profile>.lock`, with the holder's PID written in the file so a second process can
/// say who holds it. The kernel drops the lock when the holder exits, even if it is killed; a
/// holder that releases it removes the file, so no lock file is left behind after a session.
///
/// Removing the file while others may open it is made safe the usual way: the holder unlinks it
/// *before* unlocking, and a process that got the lock checks that the path still names the file
/// it locked (else it locked a removed file and tries again).
final class ProfileLock {
    let path: String
    private var fd: Int32

    init(path: String, profile: String, io: FileIO) throws(ProgressError) {
        self.path = path
        var attempt = 0
        while true {
            fd = try Self.acquire(path: path, profile: profile, io: io)
            if Self.pathNames(fd, path: path) || attempt >= 100 { break }
            io.close(fd)
            fd = -1
            attempt += 1
        }
        // Overwrite, then cut: the file is never empty between two holders, so a process refused
        // the lock can always name the holder.
        let pid = Array("\(getpid())\n".utf8)
        do {
            try io.writeAll(fd, pid, path: path)
            try io.truncate(fd, to: pid.count, path: path)
        } catch {
            io.close(fd)
            fd = -1
            throw error
        }
    }

    /// Opens the lock file and takes the lock, or throws `.locked` naming the holder.
    private static func acquire(path: String, profile: String, io: FileIO) throws(ProgressError) -> Int32 {
        let fd = try io.open(path, flags: O_RDWR | O_CREAT | O_NOFOLLOW, mode: 0o644, operation: "open lock")
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
        return fd
    }

    /// Whether `path` still names the file open as `fd` (not removed or replaced by its last holder).
    private static func pathNames(_ fd: Int32, path: String) -> Bool {
        var open = stat()
        var named = stat()
        guard fstat(fd, &open) == 0, lstat(path, &named) == 0 else { return false }
        return open.st_dev == named.st_dev && open.st_ino == named.st_ino
    }

    deinit {
        release()
    }

    /// Removes the lock file, then releases the lock.
    func release() {
        guard fd >= 0 else { return }
        if Self.pathNames(fd, path: path) { _ = unlink(path) }
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
