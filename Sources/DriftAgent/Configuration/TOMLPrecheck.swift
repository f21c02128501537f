/// Refuses the few TOML texts on which TOMLKit's parser (toml++ 3) does not return an error but
/// aborts the process, before TOMLKit sees them. Found by fuzzing (`Scripts/fuzz/run config`).
///
/// - A NUL byte anywhere: TOML allows none.
/// - A table header whose key does not start with a bare-key character (`A–Z a–z 0–9 _ -`) or a
///   quote, such as `[.a]`, `[[[a]]]` or `[=`: toml++'s `parse_table_header` calls `parse_key`,
///   whose precondition `is_bare_key_character(*cp) || is_string_delimiter(*cp)` then fails — an
///   `assert` in builds without `NDEBUG` (SwiftPM's), undefined behaviour with it (upstream
///   marzer/tomlplusplus#301).
/// - A `}`, or a Unicode line break (U+0085, U+2028, U+2029), where an array expects a value, such
///   as `[}]` or `[1, }]`: `parse_array` calls `parse_value`, whose precondition
///   `!is_value_terminator(*cp)` fails the same way.
/// - A date-like token (`dddd-dd-dd`, ten characters) followed by a space and one digit that does
///   not begin `HH:`, such as `d = 0100-02-03 0 `: toml++ reads it as the start of a date-time
///   and its `scan` asserts `!is_value_terminator(*cp)` on the character after the digit.
///
/// Both are invalid TOML, so refusing them changes no valid configuration's meaning. Table
/// headers are found the way the parser finds them: a `[` that starts a statement, outside
/// strings, comments and the brackets of a value.
enum TOMLPrecheck {
    /// Where the text is refused and why.
    struct Problem: Equatable {
        /// 1-based line.
        var line: Int
        /// 1-based column, in bytes.
        var column: Int
        /// What is wrong.
        var message: String
    }

    /// The first problem in `text`, or `nil` when TOMLKit may parse it.
    /// - Complexity: O(`text.utf8.count`).
    static func problem(in text: String) -> Problem? {
        var scanner = Scanner(bytes: Array(text.utf8))
        return scanner.run()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var lineStart = 0
        /// Open `[` and `{` of the value being read, innermost last; empty between statements.
        var open: [UInt8] = []
        /// Whether the innermost open bracket is a `[` waiting for a value (just after `[` or `,`).
        var expectsArrayValue = false
        /// Whether only whitespace has been seen since the last statement ended.
        var atStatementStart = true

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func run() -> Problem? {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }  // toml++ skips a byte-order mark
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case 0:
                    return problem("a NUL byte, which TOML does not allow (is this a binary file?)")
                case UInt8(ascii: "\n"):
                    advance()
                    if open.isEmpty { atStatementStart = true }
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    advance()
                case UInt8(ascii: "#"):
                    while index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
                        if bytes[index] == 0 { return problem("a NUL byte, which TOML does not allow") }
                        index += 1
                    }
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    atStatementStart = false
                    expectsArrayValue = false
                    if let problem = skipString(quote: byte) { return problem }
                case UInt8(ascii: "[") where atStatementStart && open.isEmpty:
                    if let problem = checkHeader() { return problem }
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    atStatementStart = false
                    open.append(byte)
                    expectsArrayValue = byte == UInt8(ascii: "[")
                    advance()
                case UInt8(ascii: "}") where expectsArrayValue:
                    return problem("expected a value or ']' in the array, found '}'")
                case 0xC2 where expectsArrayValue && isUnicodeLineBreak(at: index),
                    0xE2 where expectsArrayValue && isUnicodeLineBreak(at: index):
                    return problem("expected a value or ']' in the array, found a Unicode line break")
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if !open.isEmpty { open.removeLast() }
                    expectsArrayValue = false
                    advance()
                case UInt8(ascii: ","):
                    expectsArrayValue = open.last == UInt8(ascii: "[")
                    advance()
                default:
                    if Self.isDigit(byte), index == 0 || !Self.isWordByte(bytes[index - 1]),
                        isDateThenLoneDigit(at: index)
                    {
                        return problem("a date followed by a space must go on with a time HH:MM:SS")
                    }
                    atStatementStart = false
                    expectsArrayValue = false
                    advance()
                }
            }
            return nil
        }

        /// At a statement's `[`: the key after `[` or `[[` (and spaces) must be able to start.
        private mutating func checkHeader() -> Problem? {
            advance()
            skipSpaces()
            if index < bytes.count, bytes[index] == UInt8(ascii: "[") {
                advance()
                skipSpaces()
            }
            guard index < bytes.count else { return nil }
            let byte = bytes[index]
            if byte == 0 { return problem("a NUL byte, which TOML does not allow (is this a binary file?)") }
            let startsKey =
                byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "]")
                || Self.isBareKeyByte(byte)
            guard startsKey else {
                return problem("a table header must start with a key (letters, digits, '_', '-' or a quote)")
            }
            // The rest of the header: a key (maybe quoted) and the closing brackets.
            atStatementStart = false
            while index < bytes.count, bytes[index] != UInt8(ascii: "\n"), bytes[index] != UInt8(ascii: "#") {
                if bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                    if let problem = skipString(quote: bytes[index]) { return problem }
                } else if bytes[index] == 0 {
                    return problem("a NUL byte, which TOML does not allow")
                } else {
                    advance()
                }
            }
            return nil
        }

        /// Skips a basic, literal or multi-line string starting at the opening quote.
        private mutating func skipString(quote: UInt8) -> Problem? {
            let isMultiline = index + 2 < bytes.count && bytes[index + 1] == quote && bytes[index + 2] == quote
            index += isMultiline ? 3 : 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0 { return problem("a NUL byte, which TOML does not allow") }
                if byte == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") {
                    index += 1
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\n") { continue }
                    index += 1
                    continue
                }
                if byte == UInt8(ascii: "\n") {
                    guard isMultiline else { return nil }  // unterminated: TOMLKit reports it
                    advance()
                    continue
                }
                if byte == quote {
                    if !isMultiline {
                        index += 1
                        return nil
                    }
                    if index + 2 < bytes.count, bytes[index + 1] == quote, bytes[index + 2] == quote {
                        index += 3
                        // Up to two more quotes may close a multi-line string (`""""` ends with one in it).
                        while index < bytes.count, bytes[index] == quote { index += 1 }
                        return nil
                    }
                }
                index += 1
            }
            return nil
        }

        /// Whether a ten-character token with `-` at 4 and 7 (in code points; underscores not
        /// counted, as toml++ skips them) starts at `position` and is followed by a space and a digit that is not
        /// followed by another digit: never valid TOML, and an assertion failure in toml++.
        private func isDateThenLoneDigit(at position: Int) -> Bool {
            var counted: [UInt8] = []
            var end = position
            while end < bytes.count, Self.continuesToken(bytes[end]) {
                // toml++ counts code points: keep the first byte of each, not UTF-8 continuation bytes.
                if bytes[end] != UInt8(ascii: "_"), bytes[end] & 0xC0 != 0x80 { counted.append(bytes[end]) }
                end += 1
            }
            guard counted.count == 10, counted[4] == UInt8(ascii: "-"), counted[7] == UInt8(ascii: "-") else {
                return false
            }
            guard end + 1 < bytes.count, bytes[end] == UInt8(ascii: " "), Self.isDigit(bytes[end + 1]) else {
                return false
            }
            return end + 2 >= bytes.count || !Self.isDigit(bytes[end + 2])
        }

        /// Whether `byte` can continue a value token (toml++'s `!is_value_terminator`, for ASCII).
        private static func continuesToken(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0A...0x0D, UInt8(ascii: "]"), UInt8(ascii: "}"),
                UInt8(ascii: ","), UInt8(ascii: "#"):
                false
            default:
                true
            }
        }

        private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

        /// Whether `byte` can sit inside a key or a number, so a digit after it starts no value
        /// (a value starts after `=`, `[`, `{`, `,` or whitespace).
        private static func isWordByte(_ byte: UInt8) -> Bool {
            isBareKeyByte(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
        }

        /// Whether U+0085, U+2028 or U+2029 starts at `position`.
        private func isUnicodeLineBreak(at position: Int) -> Bool {
            let rest = bytes[position...]
            return rest.starts(with: [0xC2, 0x85]) || rest.starts(with: [0xE2, 0x80, 0xA8])
                || rest.starts(with: [0xE2, 0x80, 0xA9])
        }

        private mutating func skipSpaces() {
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
                index += 1
            }
        }

        /// Moves past one byte, keeping the line count.
        private mutating func advance() {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }

        private func problem(_ message: String) -> Problem {
            Problem(line: line, column: index - lineStart + 1, message: message)
        }

        private static func isBareKeyByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }
}
