/// Reads little-endian fixed-width fields from a byte buffer, strictly.
///
/// Every read names the field it is after, so a truncated blob is reported as
/// "expected N more byte(s) for <field>, found M". See ``ByteWriter`` for the header layout.
public struct ByteReader: Sendable {
    @usableFromInline let bytes: [UInt8]
    /// The offset of the next unread byte.
    public private(set) var offset: Int

    /// Creates a reader positioned at the start of `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.offset = 0
    }

    /// The number of bytes not yet read.
    public var remaining: Int { bytes.count - offset }

    /// Reads and checks the common header; returns the format version and flags.
    ///
    /// - Throws: ``SketchCodecError`` when the magic, the family or the version is wrong.
    public mutating func readHeader(
        family: CodecFamily, supportedVersion: UInt8
    ) throws(SketchCodecError) -> (version: UInt8, flags: UInt8) {
        let magic = UInt16(try readUInt8(field: "magic")) << 8 | UInt16(try readUInt8(field: "magic"))
        guard magic == 0x4457 else { throw .badMagic(found: magic) }
        let found = try readUInt8(field: "\(family) family byte")
        guard found == family.rawValue else { throw .wrongFamily(expected: family, found: found) }
        let version = try readUInt8(field: "\(family) version byte")
        guard version >= 1, version <= supportedVersion else {
            throw .unsupportedVersion(family: family, found: version, supported: supportedVersion)
        }
        let flags = try readUInt8(field: "\(family) flags byte")
        return (version, flags)
    }

    /// Reads one byte.
    public mutating func readUInt8(field: String) throws(SketchCodecError) -> UInt8 {
        guard remaining >= 1 else { throw .truncated(field: field, needed: 1, remaining: remaining) }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// Reads a little-endian `UInt16`.
    public mutating func readUInt16(field: String) throws(SketchCodecError) -> UInt16 {
        UInt16(truncatingIfNeeded: try readLittleEndian(byteCount: 2, field: field))
    }

    /// Reads a little-endian `UInt32`.
    public mutating func readUInt32(field: String) throws(SketchCodecError) -> UInt32 {
        UInt32(truncatingIfNeeded: try readLittleEndian(byteCount: 4, field: field))
    }

    /// Reads a little-endian `UInt64`.
    public mutating func readUInt64(field: String) throws(SketchCodecError) -> UInt64 {
        try readLittleEndian(byteCount: 8, field: field)
    }

    /// Reads a little-endian `Int64`.
    public mutating func readInt64(field: String) throws(SketchCodecError) -> Int64 {
        Int64(bitPattern: try readLittleEndian(byteCount: 8, field: field))
    }

    /// Reads a `Double` from its little-endian bit pattern.
    public mutating func readDouble(field: String) throws(SketchCodecError) -> Double {
        Double(bitPattern: try readLittleEndian(byteCount: 8, field: field))
    }

    /// Reads a `UInt32`-length-prefixed UTF-8 string; invalid UTF-8 is rejected.
    public mutating func readString(field: String, family: CodecFamily) throws(SketchCodecError) -> String {
        let length = Int(try readUInt32(field: "\(field) length"))
        guard remaining >= length else { throw .truncated(field: field, needed: length, remaining: remaining) }
        let slice = bytes[offset..<(offset + length)]
        offset += length
        guard let string = String(validating: slice, as: UTF8.self) else {
            throw .invalidField(family: family, field: field, expected: "valid UTF-8", found: "invalid bytes")
        }
        return string
    }

    /// Reads a `UInt32`-length-prefixed nested blob.
    public mutating func readBlob(field: String) throws(SketchCodecError) -> [UInt8] {
        let length = Int(try readUInt32(field: "\(field) length"))
        guard remaining >= length else { throw .truncated(field: field, needed: length, remaining: remaining) }
        defer { offset += length }
        return Array(bytes[offset..<(offset + length)])
    }

    /// Reads a count that must not exceed `limit` (guards allocations against corrupt lengths).
    public mutating func readCount(
        field: String, family: CodecFamily, limit: Int
    ) throws(SketchCodecError) -> Int {
        let value = try readUInt32(field: field)
        guard Int(value) <= limit else {
            throw .invalidField(family: family, field: field, expected: "at most \(limit)", found: "\(value)")
        }
        return Int(value)
    }

    /// Throws unless every byte has been read.
    public func expectEnd(family: CodecFamily) throws(SketchCodecError) {
        guard remaining == 0 else { throw .trailingBytes(family: family, count: remaining) }
    }

    private mutating func readLittleEndian(byteCount: Int, field: String) throws(SketchCodecError) -> UInt64 {
        guard remaining >= byteCount else {
            throw .truncated(field: field, needed: byteCount, remaining: remaining)
        }
        var value: UInt64 = 0
        for i in 0..<byteCount {
            value |= UInt64(bytes[offset + i]) << (8 * UInt64(i))
        }
        offset += byteCount
        return value
    }
}
