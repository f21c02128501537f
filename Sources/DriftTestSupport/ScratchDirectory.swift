#if canImport(Glibc)
    import Glibc
#endif

/// A unique directory under /tmp for report and command-line tests, removed with everything in it
/// when the value is released.
public final class ScratchDirectory {
    /// The directory's absolute path.
    public let path: String

    /// Creates the directory (`/tmp/driftwatch-<prefix>-XXXXXX`).
    public init(prefix: String = "tests") {
        var template = Array("/tmp/driftwatch-\(prefix)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
            return String(cString: base)
        }
        precondition(made != nil, "mkdtemp failed: errno \(errno)")
        path = made ?? "/tmp"
    }

    deinit { Self.remove(path) }

    /// `path/name`.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Writes `text` to `path/name`, replacing any file there, and returns the full path.
    @discardableResult
    public func write(_ text: String, to name: String) -> String {
        let full = file(name)
        let descriptor = open(full, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        precondition(descriptor >= 0, "open \(full) failed: errno \(errno)")
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        precondition(written == bytes.count, "short write to \(full)")
        close(descriptor)
        return full
    }

    /// Removes `path` and, if it is a directory, everything below it.
    private static func remove(_ path: String) {
        guard let directory = opendir(path) else {
            unlink(path)
            return
        }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { remove(path + "/" + name) }
        }
        closedir(directory)
        rmdir(path)
    }
}
