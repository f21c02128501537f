/// Why a log line could not be used; every bad line is counted under its reason's ``label``.
///
/// The labels are a contract (they appear in the store, in `/metrics` and in `report --json`):
/// never rename one. The byte layer produces the first group; the record mapper produces
/// `missing_timestamp`, `bad_timestamp`, `missing_field` and `wrong_type`.
public enum BadLineReason: Error, Hashable, Sendable, CustomStringConvertible {
    /// The line is not RFC 8259 JSON; `offset` is the byte within the line where scanning stopped.
    case invalidJSON(offset: Int, JSONSyntaxError)
    /// A string contains bytes that are not well-formed UTF-8, starting at `offset`.
    case invalidUTF8(offset: Int)
    /// Objects and arrays nest deeper than ``JSONScanner/maximumDepth``; `offset` is the opening bracket.
    case nestingTooDeep(offset: Int)
    /// The line is valid JSON but its top-level value is not an object.
    case notAnObject
    /// The line is longer than the configured cap; `length` is its full length in bytes.
    case tooLong(length: Int)
    /// The line is empty or holds only whitespace.
    case empty
    /// The timestamp field is absent or `null`.
    case missingTimestamp
    /// The timestamp field is present but is not a parsable RFC 3339 or epoch time.
    case badTimestamp
    /// A required field is absent.
    case missingField
    /// A field has a JSON type the configuration does not accept.
    case wrongType

    /// The stable snake_case label under which lines of this reason are counted.
    public var label: String {
        switch self {
        case .invalidJSON: "invalid_json"
        case .invalidUTF8: "invalid_utf8"
        case .nestingTooDeep: "nesting_too_deep"
        case .notAnObject: "not_an_object"
        case .tooLong: "too_long"
        case .empty: "empty"
        case .missingTimestamp: "missing_timestamp"
        case .badTimestamp: "bad_timestamp"
        case .missingField: "missing_field"
        case .wrongType: "wrong_type"
        }
    }

    /// A one-line human description, including the offset or length where there is one.
    public var description: String {
        switch self {
        case .invalidJSON(let offset, let what): "invalid JSON at byte \(offset): \(what)"
        case .invalidUTF8(let offset): "invalid UTF-8 at byte \(offset)"
        case .nestingTooDeep(let offset): "nesting deeper than \(JSONScanner.maximumDepth) at byte \(offset)"
        case .notAnObject: "the line is not a JSON object"
        case .tooLong(let length): "line of \(length) bytes exceeds the length cap"
        case .empty: "empty line"
        case .missingTimestamp: "missing timestamp"
        case .badTimestamp: "unparsable timestamp"
        case .missingField: "missing required field"
        case .wrongType: "field has the wrong JSON type"
        }
    }
}

/// What exactly is wrong in a line rejected as ``BadLineReason/invalidJSON(offset:_:)``.
public enum JSONSyntaxError: Hashable, Sendable, CustomStringConvertible {
    /// The line ended inside a value.
    case unexpectedEnd
    /// A byte that cannot start or continue the value here.
    case unexpectedCharacter
    /// A complete value is followed by more than whitespace.
    case trailingCharacters
    /// An object member's name is not a string.
    case expectedKey
    /// An object member's name is not followed by `:`.
    case expectedColon
    /// A member or element is followed by neither `,` nor the closing bracket.
    case expectedCommaOrClose
    /// A backslash escape other than `\" \\ \/ \b \f \n \r \t \uXXXX`.
    case badEscape
    /// A `\u` escape names half of a surrogate pair without the other half.
    case loneSurrogate
    /// A raw byte below 0x20 inside a string.
    case controlCharacterInString
    /// A number with a superfluous leading zero, such as `01`.
    case leadingZero
    /// A number that breaks the grammar, such as `-`, `1.` or `1e`.
    case badNumber
    /// A misspelt `true`, `false` or `null`.
    case badLiteral

    /// A short English phrase for the error.
    public var description: String {
        switch self {
        case .unexpectedEnd: "unexpected end of line"
        case .unexpectedCharacter: "unexpected character"
        case .trailingCharacters: "characters after the value"
        case .expectedKey: "expected a string key"
        case .expectedColon: "expected ':'"
        case .expectedCommaOrClose: "expected ',' or a closing bracket"
        case .badEscape: "invalid escape sequence"
        case .loneSurrogate: "unpaired surrogate in \\u escape"
        case .controlCharacterInString: "control character in string"
        case .leadingZero: "leading zero in number"
        case .badNumber: "malformed number"
        case .badLiteral: "malformed literal"
        }
    }
}
