#if canImport(Glibc)
    import Glibc
#endif

/// A fake systemd: an `AF_UNIX` datagram socket bound to a path in a scratch directory, or to an
/// abstract name, that collects what a `Type=notify` service sends (`NOTIFY_SOCKET`). Reads never
/// block, so waiting for a datagram never holds a thread of Swift's cooperative pool.
public final class NotifyReceiver {
    /// The value of `NOTIFY_SOCKET` that reaches this receiver (`/tmp/…/notify.sock` or `@name`).
    public let socketValue: String
    private let descriptor: Int32
    private let directory: ScratchDirectory?
    /// Every datagram drained so far, each split into its lines.
    public private(set) var received: [[String]] = []

    /// Binds a path socket (`abstract == false`) or an abstract one with a unique name.
    /// - Throws: ``ReceiverError`` when the socket cannot be made or bound.
    public init(abstract: Bool) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw ReceiverError.system("socket", errno) }
        if abstract {
            directory = nil
            socketValue = "@driftwatch-test-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        } else {
            let scratch = ScratchDirectory(prefix: "notify")
            directory = scratch
            socketValue = scratch.file("notify.sock")
        }
        let bound = NotifyReceiver.bind(descriptor, socketValue)
        guard bound == 0 else { throw ReceiverError.system("bind", errno) }
    }

    deinit { close(descriptor) }

    /// The environment a service under systemd would see.
    public func environment(watchdogMicroseconds: Int? = nil) -> [String: String] {
        var environment = ["NOTIFY_SOCKET": socketValue]
        if let watchdogMicroseconds { environment["WATCHDOG_USEC"] = "\(watchdogMicroseconds)" }
        return environment
    }

    /// Moves every queued datagram into ``received`` and returns the new ones.
    @discardableResult
    public func drain() -> [[String]] {
        var fresh: [[String]] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes {
                recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
            }
            guard count > 0 else { break }
            let text = String(decoding: buffer[..<count], as: UTF8.self)
            fresh.append(text.split(separator: "\n").map(String.init))
        }
        received += fresh
        return fresh
    }

    /// Waits (real time) until at least `count` datagrams were received in all.
    public func waitForDatagrams(_ count: Int, timeout: Duration = .seconds(120)) async -> Bool {
        let start = ContinuousClock.now
        while received.count < count {
            drain()
            if received.count >= count { break }
            if ContinuousClock.now - start > timeout { return false }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return true
    }

    /// Binds to `value`: a path, or `@name` for an abstract socket (a NUL byte, then the name).
    private static func bind(_ descriptor: Int32, _ value: String) -> Int32 {
        var raw = sockaddr_un()
        raw.sun_family = sa_family_t(AF_UNIX)
        let (name, offset): ([UInt8], Int) =
            value.hasPrefix("@") ? (Array(value.utf8.dropFirst()), 1) : (Array(value.utf8), 0)
        withUnsafeMutableBytes(of: &raw.sun_path) { bytes in
            for (index, byte) in name.enumerated() { bytes[index + offset] = byte }
        }
        let length = 2 + offset + name.count
        return withUnsafePointer(to: &raw) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(descriptor, $0, socklen_t(length)) }
        }
    }

    /// A system call that failed while setting up the socket, with its errno.
    public enum ReceiverError: Error {
        /// `call` failed with `errno`.
        case system(String, Int32)
    }
}
