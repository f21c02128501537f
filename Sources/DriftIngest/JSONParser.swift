#if canImport(Glibc)
    import Glibc
#endif

/// The single-pass recursive-descent validator behind ``JSONScanner``, over one line's bytes.
///
/// Every read of `base[i]` is guarded by `i < count` (``peek`` returns 0 past the end, and 0 is
/// never valid where it is tested). Recursion depth is bounded by ``JSONScanner/maximumDepth``.
struct JSONParser {
    let base: UnsafePointer<UInt8>
    let count: Int
    var index = 0
    let nodes: [JSONScanner.Node]
    let edges: [JSONScanner.Edge]
    let keyBytes: [UInt8]
    var values: [JSONValue] = []
    var members: [JSONMember] = []
    var scratch: [UInt8] = []

    init(base: UnsafePointer<UInt8>, count: Int, scanner: JSONScanner) {
        self.base = base
        self.count = count
        nodes = scanner.nodes
        edges = scanner.edges
        keyBytes = scanner.keyBytes
    }

    /// The byte at `index`, or 0 at the end of the line.
    @inline(__always)
    var peek: UInt8 { index < count ? base[index] : 0 }

    @inline(__always)
    func syntax(_ what: JSONSyntaxError) -> BadLineReason {
        .invalidJSON(offset: index, index < count ? what : .unexpectedEnd)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < count {
            switch base[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// Parses the whole line: one value, then only whitespace.
    mutating func parseDocument() -> JSONScanResult {
        skipWhitespace()
        if index == count { return .bad(.empty) }
        do throws(BadLineReason) {
            let isObject = peek == UInt8(ascii: "{")
            _ = try parseValue(node: isObject ? 0 : -1, depth: 0, wanted: false)
            skipWhitespace()
            if index < count { throw syntax(.trailingCharacters) }
            return isObject ? .ok : .bad(.notAnObject)
        } catch {
            return .bad(error)
        }
    }

    /// Parses the value at `index`; `node` is its trie node (-1: no path leads here).
    ///
    /// `depth` counts the containers enclosing the value. The returned value is exact only
    /// when `wanted` or `node >= 0` (otherwise numbers are validated but not converted).
    mutating func parseValue(node: Int, depth: Int, wanted: Bool) throws(BadLineReason) -> JSONValue {
        switch peek {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "{"): return try parseObject(node: node, depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber(converting: wanted || node >= 0)
        case UInt8(ascii: "t"):
            try parseLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try parseLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try parseLiteral("null")
            return .null
        default:
            throw syntax(.unexpectedCharacter)
        }
    }

    private mutating func parseLiteral(_ literal: StaticString) throws(BadLineReason) {
        let length = literal.utf8CodeUnitCount
        guard count - index >= length, memcmp(base + index, literal.utf8Start, length) == 0 else {
            throw .invalidJSON(offset: index, .badLiteral)
        }
        index += length
    }

    private mutating func parseObject(node: Int, depth: Int) throws(BadLineReason) -> JSONValue {
        let open = index
        guard depth < JSONScanner.maximumDepth else { throw .nestingTooDeep(offset: open) }
        index += 1
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            index += 1
            return .object(open..<index)
        }
        let group = node >= 0 ? nodes[node].group : -1
        let hasEdges = node >= 0 && nodes[node].edgeCount > 0
        while true {
            guard peek == UInt8(ascii: "\"") else { throw syntax(.expectedKey) }
            let key = try parseString()
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw syntax(.expectedColon) }
            index += 1
            skipWhitespace()
            let child = hasEdges ? self.child(of: node, key: key) : -1
            let value = try parseValue(node: child, depth: depth + 1, wanted: group >= 0)
            if child >= 0, case let slot = nodes[child].slot, slot >= 0 { values[slot] = value }
            if group >= 0 { members.append(JSONMember(group: group, key: key, value: value)) }
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                index += 1
                return .object(open..<index)
            default:
                throw syntax(.expectedCommaOrClose)
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(BadLineReason) -> JSONValue {
        let open = index
        guard depth < JSONScanner.maximumDepth else { throw .nestingTooDeep(offset: open) }
        index += 1
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            index += 1
            return .array(open..<index)
        }
        while true {
            _ = try parseValue(node: -1, depth: depth + 1, wanted: false)
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                index += 1
                return .array(open..<index)
            default:
                throw syntax(.expectedCommaOrClose)
            }
        }
    }

    /// The trie child of `node` reached by `key`, or -1.
    private mutating func child(of node: Int, key: StringRef) -> Int {
        let info = nodes[node]
        if key.hasEscapes {
            scratch.removeAll(keepingCapacity: true)
            key.decode(in: UnsafeRawBufferPointer(start: base, count: count), appendingTo: &scratch)
            return scratch.withUnsafeBytes { find(info, UnsafeRawPointer($0.baseAddress), $0.count) }
        }
        return find(info, base + key.range.lowerBound, key.range.count)
    }

    private func find(_ info: JSONScanner.Node, _ key: UnsafeRawPointer?, _ length: Int) -> Int {
        keyBytes.withUnsafeBytes { stored in
            for edge in edges[info.edgeStart..<info.edgeStart + info.edgeCount] where edge.keyLength == length {
                if length == 0 { return edge.child }
                guard let key, let storedBase = stored.baseAddress else { continue }
                if memcmp(storedBase + edge.keyStart, key, length) == 0 { return edge.child }
            }
            return -1
        }
    }
}
