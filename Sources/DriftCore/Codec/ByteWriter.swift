/// Appends little-endian fixed-width fields to a growing byte buffer.
///
/// Every blob starts with a 5-byte header written by ``writeHeader(family:version:flags:)``:
///
/// | offset | size | field                         |
/// |-------:|-----:|-------------------------------|
/// | 0      | 2    | magic `D` `W` (0x44 0x57)     |
/// | 2      | 1    | family (``CodecFamily``)      |
/// | 3      | 1    | format version                |
/// | 4      | 1    | flags (family-specific bits)  |
public struct ByteWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]

    /// Creates an empty writer, reserving `capacity` bytes.
    public init(capacity: Int = 64) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Writes the common blob header.
    public mutating func writeHeader(family: CodecFamily, version: UInt8, flags: UInt8 = 0) {
        bytes.append(0x44)
        bytes.append(0x57)
        bytes.append(family.rawValue)
        bytes.append(version)
        bytes.append(flags)
    }

    /// Writes one byte.
    public mutating func write(_ value: UInt8) { bytes.append(value) }

    /// Writes a 16-bit unsigned integer, little-endian.
    public mutating func write(_ value: UInt16) { writeLittleEndian(UInt64(value), byteCount: 2) }

    /// Writes a 32-bit unsigned integer, little-endian.
    public mutating func write(_ value: UInt32) { writeLittleEndian(UInt64(value), byteCount: 4) }

    /// Writes a 64-bit unsigned integer, little-endian.
    public mutating func write(_ value: UInt64) { writeLittleEndian(value, byteCount: 8) }

    /// Writes a 64-bit signed integer, little-endian two's complement.
    public mutating func write(_ value: Int64) { writeLittleEndian(UInt64(bitPattern: value), byteCount: 8) }

    /// Writes a `Double` as its IEEE 754 bit pattern, little-endian.
    public mutating func write(_ value: Double) { writeLittleEndian(value.bitPattern, byteCount: 8) }

    /// Writes a string as a `UInt32` byte length followed by its UTF-8 bytes.
    public mutating func write(_ value: String) {
        var copy = value
        copy.withUTF8 { utf8 in
            write(UInt32(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// Writes raw bytes with no length prefix.
    public mutating func write(raw: some Sequence<UInt8>) { bytes.append(contentsOf: raw) }

    /// Writes a length-prefixed (`UInt32`) byte array, used for nesting one blob inside another.
    public mutating func write(blob: [UInt8]) {
        write(UInt32(blob.count))
        bytes.append(contentsOf: blob)
    }

    private mutating func writeLittleEndian(_ value: UInt64, byteCount: Int) {
        var v = value
        for _ in 0..<byteCount {
            bytes.append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }
}
