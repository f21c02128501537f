import DriftAgent
import DriftCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `Baselines/fraud.json` is what `baseline create` makes from `Fixtures/demo/train.jsonl`: the
/// builder is deterministic (seeded sketches), so the committed file can never drift from the code
/// silently. `DRIFT_RECORD_GOLDEN=1 swift test --filter BundledBaselineTests` re-records it.
struct BundledBaselineTests {
    static let createdMs: Int64 = 1_795_824_000_000  // 2026-11-28T00:00:00Z, fixed so the file is reproducible

    @Test func committedBaselineMatchesTheBuilder() throws {
        let root = DemoPipelineTests.root
        let config = try ConfigurationLoader.load(path: "\(root)/Fixtures/demo.toml")
        var built = try BaselineBuilder.build(
            configuration: config, model: "fraud", version: nil, inputs: ["\(root)/Fixtures/demo/train.jsonl"],
            createdMs: Self.createdMs
        ).baseline
        built.source = "files: Fixtures/demo/train.jsonl"
        let path = "\(root)/Baselines/fraud.json"
        if getenv("DRIFT_RECORD_GOLDEN") != nil {
            try FileBytes.write(Array(BaselineDocument.render(built).utf8), to: path)
        }
        let committed = try BaselineDocument.parse(try FileBytes.read(path), path: path)
        #expect(committed.sha256 == built.sha256)
        #expect(committed == built)
        #expect(try FileBytes.read(path) == Array(BaselineDocument.render(built).utf8))
    }

    @Test func documentRoundTripsAndRefusesTampering() throws {
        let path = "\(DemoPipelineTests.root)/Baselines/fraud.json"
        var bytes = try FileBytes.read(path)
        let baseline = try BaselineDocument.parse(bytes, path: path)
        #expect(baseline.model == "fraud")
        #expect(baseline.profile.rows == 8000)
        #expect(baseline.profile.features["amount"]?.bins?.edges.count == 9)
        // Flip one base64 character of the profile: the sha256 check must refuse it.
        let text = String(decoding: bytes, as: UTF8.self)
        guard let marker = text.firstRange(of: "\"profile\": \"") else {
            Issue.record("no profile key")
            return
        }
        let offset = text.utf8.distance(from: text.startIndex, to: marker.upperBound) + 40
        bytes[offset] = bytes[offset] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(throws: AgentError.self) { try BaselineDocument.parse(bytes, path: path) }
    }
}
