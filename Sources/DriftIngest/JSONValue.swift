/// What the scanner found at a field path: a scalar, or a marker for a container.
///
/// Strings and containers are not copied: they refer to byte ranges within the scanned line,
/// which are meaningful only together with that line's bytes.
public enum JSONValue: Hashable, Sendable {
    /// The path does not occur in the line (or the line was rejected).
    case missing
    /// JSON `null`.
    case null
    /// JSON `true` or `false`.
    case bool(Bool)
    /// A JSON number, correctly rounded to the nearest `Double`; out-of-range magnitudes become ±infinity.
    case number(Double)
    /// A JSON string; decode it with ``StringRef/string(in:)`` when the text is needed.
    case string(StringRef)
    /// A JSON object spanning `range` of the line (braces included).
    case object(Range<Int>)
    /// A JSON array spanning `range` of the line (brackets included).
    case array(Range<Int>)
}

/// One member of an object whose members were requested with ``JSONScanner/init(fields:members:)``.
///
/// Equality and hashing compare ``group``, ``key`` and ``value`` only: ``keyIndex`` is a hint that
/// depends on the lines scanned before.
public struct JSONMember: Hashable, Sendable {
    /// The index of the requested object path in `members` the member belongs to.
    public var group: Int
    /// The member's key.
    public var key: StringRef
    /// The member's value.
    public var value: JSONValue
    /// The index of the key template entry (``JSONFields/keyGeneration``) whose bytes the key
    /// matched, or -1 when it was scanned instead. Two members of lines scanned with the same
    /// generation and the same index have the same raw key bytes.
    public internal(set) var keyIndex: Int32 = -1

    init(group: Int, key: StringRef, value: JSONValue, keyIndex: Int32 = -1) {
        self.group = group
        self.key = key
        self.value = value
        self.keyIndex = keyIndex
    }

    /// Whether the two members have the same group, key range and value (``keyIndex`` aside).
    public static func == (a: JSONMember, b: JSONMember) -> Bool {
        a.group == b.group && a.key == b.key && a.value == b.value
    }

    /// Hashes the group, key range and value (``keyIndex`` aside).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(group)
        hasher.combine(key)
        hasher.combine(value)
    }
}

/// The caller-owned, reused result of ``JSONScanner/scan(_:into:)``.
///
/// Create it once with ``JSONScanner/makeFields()``; scanning overwrites it in place without
/// allocating once its arrays have grown to the largest line seen.
public struct JSONFields: Sendable {
    /// One value per field path, in the order the paths were given; `.missing` when absent.
    public internal(set) var values: [JSONValue]
    /// Every member of the requested objects, in document order, duplicate keys included.
    public internal(set) var members: [JSONMember] = []
    /// Names the key template the last scan matched keys against: a member's
    /// ``JSONMember/keyIndex`` is an index into it. Unique per template content across all
    /// ``JSONFields`` of the process; a changed or replaced template gets a new number.
    public var keyGeneration: UInt64 { keyCache.scannedGeneration }
    /// Scratch space for unescaping keys.
    var scratch: [UInt8] = []
    /// The keys of recent lines (``JSONKeyCache``) and their remembered bytes.
    var keyCache = JSONKeyCache()
    var keyBytes: [UInt8] = []
    /// Members are written here first and moved to ``members`` in batches (see ``stagingBuffer()``).
    var memberStaging: [JSONMember] = []

    /// A fresh staging buffer: members are stored through a pointer, without a uniqueness check each.
    static func stagingBuffer() -> [JSONMember] {
        Array(
            repeating: JSONMember(group: 0, key: StringRef(range: 0..<0, hasEscapes: false), value: .missing), count: 64
        )
    }

    init(count: Int) {
        values = Array(repeating: .missing, count: count)
        members.reserveCapacity(64)
    }

    /// An empty placeholder that allocates nothing.
    init() { values = [] }

    /// Marks every field missing and forgets every member, keeping the storage.
    mutating func reset() {
        for index in values.indices { values[index] = .missing }
        members.removeAll(keepingCapacity: true)
    }
}

/// The outcome of scanning one line.
public enum JSONScanResult: Hashable, Sendable {
    /// The line is a valid JSON object; the fields are filled in.
    case ok
    /// The line is unusable; every field reads `.missing`.
    case bad(BadLineReason)
}
