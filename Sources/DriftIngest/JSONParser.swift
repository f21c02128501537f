#if canImport(Glibc)
    import Glibc
#endif

/// The single-pass recursive-descent validator behind ``JSONScanner``, over one line's bytes.
///
/// Every read of `base[i]` is guarded by `i < count` (``peek`` returns 0 past the end, and 0 is
/// never valid where it is tested). Recursion depth is bounded by ``JSONScanner/maximumDepth``.
struct JSONParser {
    /// The scanner's key trie, lent for the parse.
    struct Trie {
        let nodes: UnsafeBufferPointer<JSONScanner.Node>
        let edges: UnsafeBufferPointer<JSONScanner.Edge>
        let keys: UnsafeBufferPointer<UInt8>
    }

    /// The ``JSONKeyCache`` template and its bytes, lent read-only for the parse.
    struct Cache {
        let keys: UnsafeBufferPointer<UInt8>
        let template: UnsafeBufferPointer<JSONKeyCache.Entry>
    }

    let base: UnsafePointer<UInt8>
    let count: Int
    var index = 0
    let trie: Trie
    let cache: Cache
    /// `JSONFields.values`, overwritten in place.
    let values: UnsafeMutableBufferPointer<JSONValue>
    /// Members not yet appended to ``members``: `staging[0..<staged]`.
    let staging: UnsafeMutableBufferPointer<JSONMember>
    var staged = 0
    /// Moved in from ``JSONFields`` for the parse.
    var members: [JSONMember] = []
    var scratch: [UInt8] = []
    var progress = JSONKeyCache.Progress()

    init(
        base: UnsafePointer<UInt8>, count: Int, trie: Trie, cache: Cache, values: UnsafeMutableBufferPointer<JSONValue>,
        staging: UnsafeMutableBufferPointer<JSONMember>
    ) {
        self.base = base
        self.count = count
        self.trie = trie
        self.cache = cache
        self.values = values
        self.staging = staging
    }

    /// Reports a member: staged, and appended to ``members`` in batches.
    @inline(__always)
    mutating func addMember(_ member: JSONMember) {
        if staged == staging.count { flushMembers() }
        staging[staged] = member
        staged &+= 1
    }

    /// Appends the staged members to ``members``.
    mutating func flushMembers() {
        guard staged > 0 else { return }
        members.append(contentsOf: UnsafeBufferPointer(rebasing: staging[0..<staged]))
        staged = 0
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
        case UInt8(ascii: "\""): return .string(try parsePlainString())
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
        let group = node >= 0 ? trie.nodes[node].group : -1
        let hasEdges = node >= 0 && trie.nodes[node].edgeCount > 0
        let wanted = group >= 0
        while true {
            guard peek == UInt8(ascii: "\"") else { throw syntax(.expectedKey) }
            let key: StringRef
            let child: Int
            let hit = cachedKey(node: node)
            let keyIndex = Int32(truncatingIfNeeded: hit)
            if hit >= 0 {
                let entry = cache.template[hit]
                let start = index &+ 1
                index = start &+ Int(entry.length)
                key = StringRef(range: start..<index &- (entry.colon ? 2 : 1), hasEscapes: entry.hasEscapes)
                child = Int(entry.child)
                progress.hit(hit, in: cache.template)
                if !entry.colon { try parseColon() }
            } else {
                key = try parsePlainString()
                child = hasEdges ? self.child(of: node, key: key) : -1
                // The colon right after the quote is remembered with the key.
                let colon = index < count && base[index] == UInt8(ascii: ":")
                progress.miss(
                    offset: key.range.lowerBound, length: key.range.count &+ (colon ? 2 : 1), node: node,
                    child: child, hasEscapes: key.hasEscapes, colon: colon, template: cache.template)
                try parseColon()
            }
            skipWhitespace()
            let value: JSONValue
            switch peek {
            case UInt8(ascii: "\""): value = .string(try parsePlainString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if let number = parseShortNumber() {
                    value = .number(number)
                } else {
                    value = try parseAnyNumber(converting: wanted || child >= 0)
                }
            default: value = try parseValue(node: child, depth: depth + 1, wanted: wanted)
            }
            if child >= 0, case let slot = trie.nodes[child].slot, slot >= 0 { values[slot] = value }
            if wanted { addMember(JSONMember(group: group, key: key, value: value, keyIndex: keyIndex)) }
            // The common separator first: a comma and the next key's quote.
            if count &- index > 1, base[index] == UInt8(ascii: ","), base[index &+ 1] == UInt8(ascii: "\"") {
                index &+= 1
                continue
            }
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

    /// Skips optional whitespace and the `:` after an object key.
    @inline(__always)
    private mutating func parseColon() throws(BadLineReason) {
        if index < count, base[index] == UInt8(ascii: ":") {
            index &+= 1
        } else {
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw syntax(.expectedColon) }
            index &+= 1
        }
    }

    /// The index of the ``JSONKeyCache`` template entry whose bytes (closing quote included) equal
    /// those after the opening quote at `index`, for an object at trie node `node`; -1 if none.
    @inline(__always)
    private func cachedKey(node: Int) -> Int {
        let start = index &+ 1
        let room = count &- start
        var candidate = progress.cursor
        let end = min(candidate &+ JSONKeyCache.window &+ 1, cache.template.count)
        while candidate < end {
            let entry = cache.template[candidate]
            let length = Int(entry.length)
            if Int(entry.node) == node, length <= room,
                Self.sameBytes(
                    base + start, cache.keys.baseAddress.unsafelyUnwrapped + entry.offset, length, room: room)
            {
                return candidate
            }
            candidate &+= 1
        }
        return -1
    }

    /// Whether `length` bytes at `line` and `remembered` agree; `room` (≥ `length`) bytes are
    /// readable at `line`, `length` + ``JSONKeyCache/padding`` at `remembered`.
    @inline(__always)
    static func sameBytes(_ line: UnsafePointer<UInt8>, _ remembered: UnsafePointer<UInt8>, _ length: Int, room: Int)
        -> Bool
    {
        if length <= 8 {
            guard room >= 8 else { return memcmp(line, remembered, length) == 0 }
            let difference = Self.word(line) ^ Self.word(remembered)
            return difference << (UInt64(8 &- length) &* 8) == 0
        }
        var offset = 0
        while offset &+ 8 < length {
            if Self.word(line + offset) != Self.word(remembered + offset) { return false }
            offset &+= 8
        }
        return Self.word(line + (length &- 8)) == Self.word(remembered + (length &- 8))
    }

    /// Eight bytes at `pointer`, the first in the low byte.
    @inline(__always)
    static func word(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
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
        let info = trie.nodes[node]
        if key.hasEscapes {
            scratch.removeAll(keepingCapacity: true)
            key.decode(in: UnsafeRawBufferPointer(start: base, count: count), appendingTo: &scratch)
            return scratch.withUnsafeBytes { find(info, UnsafeRawPointer($0.baseAddress), $0.count) }
        }
        return find(info, base + key.range.lowerBound, key.range.count)
    }

    private func find(_ info: JSONScanner.Node, _ key: UnsafeRawPointer?, _ length: Int) -> Int {
        for edge in trie.edges[info.edgeStart..<info.edgeStart + info.edgeCount] where edge.keyLength == length {
            if length == 0 { return edge.child }
            guard let key, let stored = trie.keys.baseAddress else { continue }
            if memcmp(stored + edge.keyStart, key, length) == 0 { return edge.child }
        }
        return -1
    }
}
