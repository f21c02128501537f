/// Why a blob could not be decoded: always "expected X, found Y" with enough context to act on.
public enum SketchCodecError: Error, Equatable, Sendable {
    /// The blob ended while `field` still needed `needed` bytes; only `remaining` were left.
    case truncated(field: String, needed: Int, remaining: Int)
    /// The first two bytes were not the Driftwatch magic `DW`.
    case badMagic(found: UInt16)
    /// The header names another family than the one being decoded.
    case wrongFamily(expected: CodecFamily, found: UInt8)
    /// The header's format version is not one this build can read.
    case unsupportedVersion(family: CodecFamily, found: UInt8, supported: UInt8)
    /// A field decoded to a value outside its valid range.
    case invalidField(family: CodecFamily, field: String, expected: String, found: String)
    /// Bytes were left over after a complete value.
    case trailingBytes(family: CodecFamily, count: Int)
}

extension SketchCodecError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .truncated(field, needed, remaining):
            "blob is truncated: expected \(needed) more byte(s) for \(field), found \(remaining)"
        case let .badMagic(found):
            "not a Driftwatch blob: expected magic 0x4457 (\"DW\"), found 0x\(String(found, radix: 16))"
        case let .wrongFamily(expected, found):
            "wrong blob family: expected \(expected) (\(expected.rawValue)), found \(found)"
        case let .unsupportedVersion(family, found, supported):
            "unsupported \(family) format version: expected at most v\(supported), found v\(found)"
        case let .invalidField(family, field, expected, found):
            "corrupt \(family) blob: field \(field) expected \(expected), found \(found)"
        case let .trailingBytes(family, count):
            "corrupt \(family) blob: expected end of data, found \(count) trailing byte(s)"
        }
    }
}
