// libFuzzer harness `lines`: LineSplitter over a random chunking of random bytes, against a
// model that splits the whole stream at once. Run: Scripts/fuzz/run lines [seconds].
//
// Input: byte 0 picks the length cap (0…63, or the 1 MiB default when ≥ 64); bytes 1…8 seed the
// chunk sizes (1…32 bytes, and sometimes an empty chunk); the rest is the stream. Checked: the
// same lines, numbers, offsets, lengths, visible bytes and too-long flags as the model, whatever
// the chunking; `finish` delivers only an unterminated last line; the stream offset counts every byte.
import DriftCore
import DriftIngest

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLines(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 9 else { return 0 }
    let cap = data[0] < 64 ? Int(data[0]) : 1 << 20
    var seed: UInt64 = 0
    for index in 1...8 { seed = seed << 8 | UInt64(data[index]) }
    let stream = Array(UnsafeBufferPointer(start: data + 9, count: size - 9))

    var splitter = LineSplitter(configuration: .init(maximumLineLength: cap))
    var seen: [ModelLine] = []
    let record = { (line: LineSplitter.Line) in
        seen.append(
            ModelLine(
                bytes: Array(line.bytes), number: line.number, offset: line.offset, length: line.length,
                isTooLong: line.isTooLong))
    }
    var random = SplitMix64(seed: seed)
    var start = 0
    stream.withUnsafeBytes { all in
        while start < stream.count {
            let draw = random.next()
            let length = draw % 16 == 0 ? 0 : min(Int(draw % 32) + 1, stream.count - start)
            splitter.feed(UnsafeRawBufferPointer(rebasing: all[start..<start + length]), record)
            start += length
        }
    }
    let beforeFinish = seen.count
    splitter.finish(record)
    expect(splitter.streamOffset == Int64(stream.count), "stream offset")
    let expected = modelLines(stream, cap: cap)
    expect(seen == expected, "lines differ from the model: \(seen) vs \(expected)")
    expect(seen.count - beforeFinish == (stream.last.map { $0 != 0x0A } ?? false ? 1 : 0), "finish")
    return 0
}

private struct ModelLine: Equatable {
    var bytes: [UInt8]
    var number: Int
    var offset: Int64
    var length: Int
    var isTooLong: Bool
}

/// The whole stream split at `\n`, one trailing `\r` stripped, bytes capped at `cap`.
private func modelLines(_ stream: [UInt8], cap: Int) -> [ModelLine] {
    var lines: [ModelLine] = []
    var start = 0
    while start < stream.count {
        let end = stream[start...].firstIndex(of: 0x0A) ?? stream.count
        var content = Array(stream[start..<end])
        if content.last == 0x0D { content.removeLast() }
        lines.append(
            ModelLine(
                bytes: Array(content.prefix(cap)), number: lines.count + 1, offset: Int64(start),
                length: content.count, isTooLong: content.count > cap))
        start = end + 1
    }
    return lines
}

/// Stops the run with `message` unless `condition` holds (`precondition` drops its message in -O builds).
private func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
