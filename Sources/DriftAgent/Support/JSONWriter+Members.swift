import DriftIngest

/// A value ``JSONWriter/member(_:_:)`` writes: strings, numbers, Booleans, optionals of them
/// (`null` when nil) and arrays of them.
public protocol JSONWritable {
    /// Writes `self` as the next value.
    func writeJSON(into json: inout JSONWriter)
}

extension String: JSONWritable {
    /// Writes the string.
    public func writeJSON(into json: inout JSONWriter) { json.value(self) }
}

extension Double: JSONWritable {
    /// Writes the number (`null` if not finite).
    public func writeJSON(into json: inout JSONWriter) { json.value(self) }
}

/// Integers are written in full, in decimal.
extension JSONWritable where Self: BinaryInteger {
    /// Writes the integer.
    public func writeJSON(into json: inout JSONWriter) { json.value(raw: String(self)) }
}

extension Int: JSONWritable {}
extension Int64: JSONWritable {}
extension UInt64: JSONWritable {}

extension Bool: JSONWritable {
    /// Writes `true` or `false`.
    public func writeJSON(into json: inout JSONWriter) { json.value(self) }
}

extension Optional: JSONWritable where Wrapped: JSONWritable {
    /// Writes the value, or `null` when nil.
    public func writeJSON(into json: inout JSONWriter) {
        if let self { self.writeJSON(into: &json) } else { json.null() }
    }
}

extension Array: JSONWritable where Element: JSONWritable {
    /// Writes the elements as an array.
    public func writeJSON(into json: inout JSONWriter) {
        json.array { json in
            for element in self { element.writeJSON(into: &json) }
        }
    }
}

/// Object members in one call: `json.member("rows", rows)` is `json.key("rows")` then the value;
/// `nil` is written as `null`.
extension JSONWriter {
    /// Writes a member with a string, number, Boolean, optional or array value.
    public mutating func member(_ name: String, _ value: some JSONWritable) {
        key(name)
        value.writeJSON(into: &self)
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
    public mutating func member<Value>(_ name: String, _ value: Value?, _ write: (Value, inout JSONWriter) -> Void) {
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
