// libFuzzer harness `csv`: the CSV reader behind `baseline create --from FILE.csv`
// (CSVConverter.parse, internal, reached with @testable). Run: Scripts/fuzz/run csv [seconds].
//
// Checked: no trap whatever the bytes; no more rows than line feeds plus one; without any quote
// character, the rows are exactly the model's: every `\r` dropped, split at `\n`
// (an empty last piece is no row), then at `,`.
@testable import DriftAgent

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let rows = CSVConverter.parse(bytes)
    let newlines = bytes.count { $0 == 0x0A }
    expect(rows.count <= newlines + 1, "more rows than lines")
    if !bytes.contains(UInt8(ascii: "\"")) {
        expect(rows == model(bytes), "rows differ from the model")
    }
    return 0
}

private func model(_ bytes: [UInt8]) -> [[String]] {
    let unquoted = bytes.filter { $0 != 0x0D }
    var lines = unquoted.split(separator: 0x0A, omittingEmptySubsequences: false)
    if lines.last?.isEmpty == true { lines.removeLast() }
    return lines.map { line in
        line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
    }
}

/// Stops the run with `message` unless `condition` holds (`precondition` drops its message in -O builds).
private func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
