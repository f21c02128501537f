extension Timestamp {
    /// Parses a duration such as `30s`, `15m`, `1h`, `1d`, `2h30m` or `500ms` to milliseconds.
    ///
    /// The text is one or more `<digits><unit>` terms, unit one of `ms s m h d w`, summed.
    /// Zero is allowed (e.g. `0s` of lateness); callers that need a positive length check it.
    /// - Returns: `nil` for an empty or malformed text, or on overflow.
    public static func parseDurationMilliseconds(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        var total: Int64 = 0
        var index = 0
        while index < bytes.count {
            var amount: Int64 = 0
            let start = index
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
                guard index - start < 18 else { return nil }
                amount = amount * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
                index += 1
            }
            guard index > start, index < bytes.count else { return nil }
            let unit: Int64
            switch bytes[index] {
            case UInt8(ascii: "m") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "s"):
                unit = 1
                index += 1
            case UInt8(ascii: "s"): unit = 1000
            case UInt8(ascii: "m"): unit = 60_000
            case UInt8(ascii: "h"): unit = 3_600_000
            case UInt8(ascii: "d"): unit = 86_400_000
            case UInt8(ascii: "w"): unit = 604_800_000
            default: return nil
            }
            index += 1
            let (product, overflow) = amount.multipliedReportingOverflow(by: unit)
            let (sum, overflowSum) = total.addingReportingOverflow(product)
            guard !overflow, !overflowSum else { return nil }
            total = sum
        }
        return total
    }
}
