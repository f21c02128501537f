import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A minimal HTTP/1.1 client over a real loopback TCP socket: one GET with `Connection: close`,
/// read to end of stream within 5 s. Reads never block a thread: Hummingbird answers on Swift's
/// cooperative pool, which a blocking `recv` in a test could starve (2 cores, 2 threads).
public enum HTTPProbe {
    /// A parsed response.
    public struct Response: Sendable {
        /// The status code.
        public var status: Int
        /// Header names in lower case.
        public var headers: [String: String]
        /// The body, de-chunked.
        public var body: String
    }

    /// The step that failed (`socket`, `connect`, `send`, `recv`, `parse`, `status`) and its errno.
    public struct ProbeError: Error {
        /// The failing step.
        public var step: String
        /// errno, or 0.
        public var code: Int32
    }

    /// GETs `path` from 127.0.0.1:`port`.
    public static func get(_ path: String, port: Int) async throws -> Response {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ProbeError(step: "socket", code: errno) }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw ProbeError(step: "connect", code: errno) }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        let sent = request.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == request.count else { throw ProbeError(step: "send", code: errno) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        let start = ContinuousClock.now
        while true {
            let count = buffer.withUnsafeMutableBytes {
                recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
            }
            if count == 0 { break }
            if count > 0 {
                bytes += buffer[..<count]
                continue
            }
            guard errno == EAGAIN || errno == EWOULDBLOCK, ContinuousClock.now - start < .seconds(5) else {
                throw ProbeError(step: "recv", code: errno)
            }
            try await Task.sleep(for: .milliseconds(2))
        }
        return try parse(String(decoding: bytes, as: UTF8.self))
    }

    private static func parse(_ text: String) throws -> Response {
        guard let split = text.range(of: "\r\n\r\n") else { throw ProbeError(step: "parse", code: 0) }
        let head = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusParts = head.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw ProbeError(step: "status", code: 0)
        }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        var body = String(text[split.upperBound...])
        if headers["transfer-encoding"] == "chunked" { body = dechunk(body) }
        return Response(status: status, headers: headers, body: body)
    }

    private static func dechunk(_ text: String) -> String {
        var bytes = Array(text.utf8)[...]
        var out: [UInt8] = []
        while let lineEnd = bytes.firstIndex(of: UInt8(ascii: "\r")),
            let size = Int(String(decoding: bytes[..<lineEnd], as: UTF8.self), radix: 16), size > 0
        {
            let start = lineEnd + 2
            out += bytes[start..<(start + size)]
            bytes = bytes[(start + size + 2)...]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
