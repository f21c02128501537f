import DriftService
import DriftTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A fake systemd: an `AF_UNIX` datagram socket bound to a path in a scratch directory, or to an
/// abstract name, that collects what `SystemdNotifier` sends. Reads never block.
final class NotifyReceiver {
    let socketValue: String
    private let descriptor: Int32
    private let directory: ScratchDirectory?
    private(set) var received: [[String]] = []

    /// Binds a path socket (`abstract == false`) or an abstract one with a unique name.
    init(abstract: Bool) throws {
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
        guard let address = NotifySocketAddress(socketValue) else { throw ReceiverError.badAddress(socketValue) }
        let bound = NotifyReceiver.bind(descriptor, address)
        guard bound == 0 else { throw ReceiverError.system("bind", errno) }
    }

    deinit { close(descriptor) }

    /// The environment a service under systemd would see.
    func environment(watchdogMicroseconds: Int? = nil) -> [String: String] {
        var environment = ["NOTIFY_SOCKET": socketValue]
        if let watchdogMicroseconds { environment["WATCHDOG_USEC"] = "\(watchdogMicroseconds)" }
        return environment
    }

    /// Moves every queued datagram into ``received`` and returns the new ones.
    @discardableResult
    func drain() -> [[String]] {
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
    func waitForDatagrams(_ count: Int, timeout: Duration = .seconds(5)) async -> Bool {
        let start = ContinuousClock.now
        while received.count < count {
            drain()
            if received.count >= count { break }
            if ContinuousClock.now - start > timeout { return false }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return true
    }

    private static func bind(_ descriptor: Int32, _ address: NotifySocketAddress) -> Int32 {
        var raw = sockaddr_un()
        raw.sun_family = sa_family_t(AF_UNIX)
        let (name, offset): ([UInt8], Int) =
            switch address {
            case let .path(path): (Array(path.utf8), 0)
            case let .abstract(name): (Array(name.utf8), 1)
            }
        withUnsafeMutableBytes(of: &raw.sun_path) { bytes in
            for (index, byte) in name.enumerated() { bytes[index + offset] = byte }
        }
        let length = 2 + offset + name.count
        return withUnsafePointer(to: &raw) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(descriptor, $0, socklen_t(length)) }
        }
    }

    enum ReceiverError: Error {
        case system(String, Int32)
        case badAddress(String)
    }
}
