#if canImport(Glibc)
    import Glibc
#endif

/// Why a source could not be opened or read to its end.
///
/// Each case names the path (`-` is standard input), so the message stands on its own in a log.
public enum IngestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The path does not exist.
    case fileNotFound(path: String)
    /// The process may not read the path.
    case permissionDenied(path: String)
    /// The path is a directory, not a file.
    case isADirectory(path: String)
    /// `open` or `read` failed for another reason; `message` is the system's text for `errno`.
    case readFailed(path: String, errno: Int32, message: String)
    /// The gzip stream is truncated or corrupt at `compressedOffset` bytes into the file.
    ///
    /// Every complete line before the damage has already been delivered.
    case corruptGzip(path: String, compressedOffset: Int64, detail: String)

    /// A one-line description naming the path.
    public var description: String {
        switch self {
        case .fileNotFound(let path): "\(Self.name(path)): no such file"
        case .permissionDenied(let path): "\(Self.name(path)): permission denied"
        case .isADirectory(let path): "\(Self.name(path)): is a directory, not a file"
        case .readFailed(let path, let code, let message): "\(Self.name(path)): read error: \(message) (errno \(code))"
        case .corruptGzip(let path, let offset, let detail):
            "\(Self.name(path)): corrupt gzip stream at compressed byte \(offset): \(detail)"
        }
    }

    /// Maps an `errno` from `open`/`read` to the matching case.
    static func from(errno code: Int32, path: String) -> IngestError {
        switch code {
        case ENOENT: .fileNotFound(path: path)
        case EACCES, EPERM: .permissionDenied(path: path)
        case EISDIR: .isADirectory(path: path)
        default: .readFailed(path: path, errno: code, message: String(cString: strerror(code)))
        }
    }

    private static func name(_ path: String) -> String { path == "-" ? "standard input" : path }
}
