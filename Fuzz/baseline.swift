import DriftCore

// libFuzzer harness `baseline`: the baseline document reader, BaselineDocument.parse, used by
// `driftwatch baseline import`. Run: Scripts/fuzz/run baseline [seconds].
//
// Byte 0 chooses the mode. Even: the rest is a whole document, as read from a file. Odd: bytes
// 1…8 are the bit pattern of `created_ms` and the rest is a profile blob, wrapped in an otherwise
// valid document with the matching sha256 — so the fuzzer gets past the digest check to the
// profile decoder and the numeric fields. Checked: no trap; a rejection is an AgentError naming
// the file; an accepted document renders and parses back to an equal baseline.
@testable import DriftAgent

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBaseline(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let document = data[0] & 1 == 0 ? input : wrapped(input)
    do {
        let baseline = try BaselineDocument.parse(document, path: "fuzz.json")
        let again = try BaselineDocument.parse(Array(BaselineDocument.render(baseline).utf8), path: "again.json")
        expect(again.profile == baseline.profile && again.createdMs == baseline.createdMs, "render/parse")
        expect(again.model == baseline.model && again.version == baseline.version, "render/parse names")
    } catch let error as AgentError {
        expect("\(error)".contains("json"), "error without the file: \(error)")
    } catch {
        expect(false, "unexpected error type: \(error)")
    }
    return 0
}

/// A document around `input`: created_ms from its first 8 bytes, the rest as the profile blob.
private func wrapped(_ input: [UInt8]) -> [UInt8] {
    guard input.count >= 8 else { return input }
    var pattern: UInt64 = 0
    for index in 0..<8 { pattern |= UInt64(input[index]) << (8 * UInt64(index)) }
    let blob = Array(input[8...])
    var json = JSONWriter()
    json.object { json in
        json.key("format")
        json.value(BaselineDocument.format)
        json.key("format_version")
        json.value(BaselineDocument.formatVersion)
        json.key("model")
        json.value("fuzz")
        json.key("version")
        json.value("1")
        json.key("created_ms")
        json.value(Double(bitPattern: pattern))
        json.key("source")
        json.value("fuzz")
        json.key("sha256")
        json.value(SHA256.hexDigest(of: blob))
        json.key("profile")
        json.value(Base64.encode(blob))
    }
    return Array(json.text.utf8)
}

/// Stops the run with `message` unless `condition` holds (`precondition` drops its message in -O builds).
private func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
