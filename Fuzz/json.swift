// libFuzzer harness `json`: the log-line field extractor — JSONScanner.scan over one line, then
// what the record mapper does with the values: StringRef.string/decode and the timestamp
// conversion. Run: Scripts/fuzz/run json [seconds].
//
// Checked: no trap and no out-of-bounds access (ASan) whatever the bytes; every string and
// container range the scanner reports lies inside the line; a string without escapes is valid
// UTF-8 as it stands (the scanner validated it); a rejected line leaves every value `.missing`
// and no member; scanning is deterministic (a second scan with reused buffers agrees).
import DriftIngest

private let scanner = JSONScanner(
    fields: ["ts", "model", "version", "id", "prediction", "label", "a.b.c", "features.amount", "ts"]
        .compactMap { FieldPath($0) },
    members: ["features", "a"].compactMap { FieldPath($0) })

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let line = UnsafeRawBufferPointer(start: data, count: size)
    var fields = scanner.makeFields()
    let result = scanner.scan(line, into: &fields)
    if case .bad(let reason) = result {
        _ = (reason.label, reason.description)
        expect(fields.values.allSatisfy { $0 == .missing } && fields.members.isEmpty, "bad line left values")
    }
    for value in fields.values { check(value, in: line) }
    for member in fields.members {
        check(.string(member.key), in: line)
        check(member.value, in: line)
    }
    _ = Timestamp.milliseconds(from: fields.values[0], in: line)
    var again = fields
    expect(scanner.scan(line, into: &again) == result && again.values == fields.values, "nondeterministic")
    expect(again.members == fields.members, "nondeterministic members")
    return 0
}

private func check(_ value: JSONValue, in line: UnsafeRawBufferPointer) {
    switch value {
    case .string(let reference):
        expect(reference.range.lowerBound >= 0 && reference.range.upperBound <= line.count, "string out of line")
        let decoded = reference.string(in: line)
        if !reference.hasEscapes {
            expect(String(validating: reference.rawBytes(in: line), as: UTF8.self) == decoded, "bad UTF-8 kept")
        }
        var bytes: [UInt8] = []
        reference.decode(in: line, appendingTo: &bytes)
        expect(String(validating: bytes, as: UTF8.self) != nil, "decoded escapes are not UTF-8")
        _ = Timestamp.milliseconds(from: value, in: line)
    case .object(let range), .array(let range):
        expect(range.lowerBound >= 0 && range.upperBound <= line.count && range.count >= 2, "container range")
    case .number(let number):
        _ = Timestamp.milliseconds(from: .number(number), in: line)
    case .missing, .null, .bool:
        break
    }
}

/// Stops the run with `message` unless `condition` holds (`precondition` drops its message in -O builds).
private func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
