// libFuzzer harness `timestamp`: the event-time and duration parsers on arbitrary text —
// Timestamp.milliseconds(rfc3339:), milliseconds(epochText:), milliseconds(epoch:) and
// parseDurationMilliseconds. Run: Scripts/fuzz/run timestamp [seconds].
//
// Checked: no trap (overflow, out of bounds) whatever the bytes; every result lies within
// ±Timestamp.limit; an RFC 3339 result whose formatted form has a four-digit year parses back
// to itself; durations are never negative; an epoch double from 8 input bytes converts or is
// refused without trapping.
import DriftIngest

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTimestamp(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = UnsafeRawBufferPointer(start: data, count: size)
    if let milliseconds = Timestamp.milliseconds(rfc3339: text) {
        let formatted = Timestamp.format(milliseconds: milliseconds)
        let bytes = Array(formatted.utf8)
        if bytes.count > 4, bytes[4] == UInt8(ascii: "-"), bytes[0] != UInt8(ascii: "-") {
            expect(Timestamp.milliseconds(rfc3339: formatted) == milliseconds, "\(formatted) does not round-trip")
        }
    }
    if let milliseconds = Timestamp.milliseconds(epochText: text) {
        expect(milliseconds.magnitude <= Timestamp.limit.magnitude + 1, "epoch text beyond the limit")
        _ = Timestamp.format(milliseconds: milliseconds)
    }
    if size >= 8 {
        var pattern: UInt64 = 0
        for index in 0..<8 { pattern |= UInt64(data[index]) << (8 * UInt64(index)) }
        if let milliseconds = Timestamp.milliseconds(epoch: Double(bitPattern: pattern)) {
            expect(milliseconds.magnitude <= Timestamp.limit.magnitude, "epoch beyond the limit")
            _ = Timestamp.format(milliseconds: milliseconds)
        }
    }
    let string = String(decoding: text, as: UTF8.self)
    if let duration = Timestamp.parseDurationMilliseconds(string) {
        expect(duration >= 0, "negative duration")
    }
    return 0
}

/// Stops the run with `message` unless `condition` holds (`precondition` drops its message in -O builds).
private func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
