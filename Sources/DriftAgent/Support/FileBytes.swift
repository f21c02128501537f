#if canImport(Glibc)
    import Glibc
#endif

/// Whole-file reads and writes for small files (configs, baselines), with errno-precise errors.
public enum FileBytes {
    /// The contents of `path`.
    /// - Throws: a message naming the path and the system's reason (e.g. "No such file or directory").
    public static func read(_ path: String) throws(FileError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw FileError(path: path, reason: "is a directory")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let got = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if got == 0 { break }
            if got < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, reason: String(cString: strerror(errno)))
            }
            bytes.append(contentsOf: chunk[0..<got])
        }
        return bytes
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same directory, fsync, rename.
    public static func write(_ bytes: [UInt8], to path: String) throws(FileError) {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileError(path: path, reason: String(cString: strerror(errno))) }
        var written = 0
        while written < bytes.count {
            let got = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
            }
            if got < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(descriptor)
                unlink(temporary)
                throw FileError(path: path, reason: reason)
            }
            written += got
        }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard synced, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw FileError(path: path, reason: reason)
        }
    }
}

/// A file that could not be read or written, with the system's reason.
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// Why, in the system's words.
    public var reason: String

    public var description: String { "\(path): \(reason)" }
}
