import DriftIngest

/// Object members in one call: `json.member("rows", rows)` is `json.key("rows")` then
/// `json.value(rows)`; optional values write `null` when `nil`.
extension JSONWriter {
    /// Writes a member whose value is a string.
    public mutating func member(_ name: String, _ string: String) {
        key(name)
        value(string)
    }

    /// Writes a member whose value is a string, `null` when nil.
    public mutating func member(_ name: String, _ string: String?) {
        key(name)
        if let string { value(string) } else { null() }
    }

    /// Writes a member whose value is a number (`null` if not finite).
    public mutating func member(_ name: String, _ number: Double) {
        key(name)
        value(number)
    }

    /// Writes a member whose value is a number, `null` when nil or not finite.
    public mutating func member(_ name: String, _ number: Double?) {
        key(name)
        value(number)
    }

    /// Writes a member whose value is an integer.
    public mutating func member(_ name: String, _ number: Int64) {
        key(name)
        value(number)
    }

    /// Writes a member whose value is an integer, `null` when nil.
    public mutating func member(_ name: String, _ number: Int64?) {
        key(name)
        if let number { value(number) } else { null() }
    }

    /// Writes a member whose value is an unsigned integer.
    public mutating func member(_ name: String, _ number: UInt64) {
        key(name)
        value(number)
    }

    /// Writes a member whose value is an integer.
    public mutating func member(_ name: String, _ number: Int) {
        key(name)
        value(number)
    }

    /// Writes a member whose value is a Boolean.
    public mutating func member(_ name: String, _ flag: Bool) {
        key(name)
        value(flag)
    }

    /// Writes a member whose value is an array of strings.
    public mutating func member(_ name: String, _ strings: [String]) {
        array(name) { json in
            for string in strings { json.value(string) }
        }
    }

    /// Writes a member whose value is already-serialised JSON text, verbatim.
    public mutating func member(_ name: String, raw json: String) {
        key(name)
        value(raw: json)
    }

    /// Writes a member whose value is an ISO 8601 UTC timestamp (docs/REPORT.md), `null` when nil.
    public mutating func member(_ name: String, timestamp milliseconds: Int64?) {
        member(name, milliseconds.map { Timestamp.format(milliseconds: $0) })
    }

    /// Writes a member whose value `write` writes, or `null` when `value` is nil.
    public mutating func member<Value>(
        _ name: String, _ value: Value?, _ write: (Value, inout JSONWriter) -> Void
    ) {
        key(name)
        if let value { write(value, &self) } else { null() }
    }

    /// Writes a member whose value is an object; `body` writes its members.
    public mutating func object(_ name: String, _ body: (inout JSONWriter) -> Void) {
        key(name)
        object(body)
    }

    /// Writes a member whose value is an array; `body` writes its elements.
    public mutating func array(_ name: String, _ body: (inout JSONWriter) -> Void) {
        key(name)
        array(body)
    }
}
