#if canImport(Glibc)
    import Glibc
#endif

/// Where `NOTIFY_SOCKET` points: a file-system path or a Linux abstract socket name (`@name`).
///
/// `sockaddr_un.sun_path` holds 108 bytes, so a longer path cannot be addressed; `vsock:` addresses
/// (used for virtual machines) are not supported and read as `nil`.
public enum NotifySocketAddress: Sendable, Equatable {
    /// An `AF_UNIX` socket bound to this path.
    case path(String)
    /// An abstract `AF_UNIX` socket: the name without the leading `@`.
    case abstract(String)

    /// The longest name `sun_path` can hold (its size, 108 on Linux, less one for the path's NUL or the abstract marker).
    static let maximumNameBytes = MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1

    /// Parses the value of `NOTIFY_SOCKET`; `nil` when it is empty, unsupported, or too long.
    public init?(_ value: String) {
        guard let first = value.first, value.utf8.count <= Self.maximumNameBytes + 1 else { return nil }
        switch first {
        case "/":
            guard value.utf8.count <= Self.maximumNameBytes else { return nil }
            self = .path(value)
        case "@":
            guard value.utf8.count > 1 else { return nil }
            self = .abstract(String(value.dropFirst()))
        default:
            return nil
        }
    }

    /// Calls `body` with this address as a `sockaddr` and its exact length.
    ///
    /// An abstract name starts with a NUL byte and is not NUL-terminated: its length counts only
    /// the bytes used, as `sd_notify` does.
    func withSocketAddress<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let name: [UInt8]
        let offset: Int
        switch self {
        case let .path(path): (name, offset) = (Array(path.utf8), 0)
        case let .abstract(abstract): (name, offset) = (Array(abstract.utf8), 1)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.initializeMemory(as: UInt8.self, repeating: 0)
            for (index, byte) in name.enumerated() where index + offset < raw.count { raw[index + offset] = byte }
        }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path) ?? 2
        let length = pathOffset + offset + name.count + (offset == 0 ? 1 : 0)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(length)) }
        }
    }
}
