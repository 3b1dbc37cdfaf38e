#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// The bare system calls the store makes, each returning its result or `-errno`.
///
/// A seam, so tests can make a write fail with ENOSPC or an open with EROFS without a full disk
/// or a read-only mount (tests run as root, where permissions stop nothing). Every method has a
/// default that calls the system; a test double overrides only what it breaks.
protocol FileSystemCalls: Sendable {
    func open(_ path: String, flags: Int32, mode: UInt32) -> Int32
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int
    func fsync(_ fd: Int32) -> Int32
    func ftruncate(_ fd: Int32, length: Int) -> Int32
    func rename(_ from: String, to: String) -> Int32
    func close(_ fd: Int32) -> Int32
}

extension FileSystemCalls {
    func open(_ path: String, flags: Int32, mode: UInt32) -> Int32 {
        let fd = systemOpen(path, flags, mode)
        return fd < 0 ? -errno : fd
    }

    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        let written = systemWrite(fd, base, bytes.count)
        return written < 0 ? -Int(errno) : written
    }

    func fsync(_ fd: Int32) -> Int32 {
        systemFsync(fd) < 0 ? -errno : 0
    }

    func ftruncate(_ fd: Int32, length: Int) -> Int32 {
        systemFtruncate(fd, off_t(length)) < 0 ? -errno : 0
    }

    func rename(_ from: String, to: String) -> Int32 {
        systemRename(from, to) < 0 ? -errno : 0
    }

    func close(_ fd: Int32) -> Int32 {
        systemClose(fd) < 0 ? -errno : 0
    }
}

/// The real file system.
struct POSIXFileSystem: FileSystemCalls {}

// Module-level names for the C functions, since the protocol's methods shadow them.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: UInt32) -> Int32 {
    open(path, flags, mode_t(mode))
}
private func systemWrite(_ fd: Int32, _ base: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, base, count)
}
private func systemFsync(_ fd: Int32) -> Int32 { fsync(fd) }
private func systemFtruncate(_ fd: Int32, _ length: off_t) -> Int32 { ftruncate(fd, length) }
private func systemRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
