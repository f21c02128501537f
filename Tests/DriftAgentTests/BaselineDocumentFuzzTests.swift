import DriftAgent
import DriftCore
import DriftIngest
import Testing

/// Fuzzing regression (Scripts/fuzz/run baseline): `created_ms` was converted with `Int64(_:)`,
/// which traps on a huge or fractional number, so a hand-edited baseline file crashed
/// `driftwatch baseline import`. Now such a value is a `badBaselineFile` error naming the key.
struct BaselineDocumentFuzzTests {
    static let path = "\(DemoPipelineTests.root)/Baselines/fraud.json"

    /// The bundled baseline document with its `created_ms` value replaced by `value` (the sha256
    /// covers only the profile, so the document is otherwise valid).
    private func document(createdMs value: String) throws -> [UInt8] {
        let text = String(decoding: try FileBytes.read(Self.path), as: UTF8.self)
        let key = try #require(text.firstRange(of: "\"created_ms\": "))
        let end = try #require(text[key.upperBound...].firstIndex(of: ","))
        return Array((text[..<key.upperBound] + value + text[end...]).utf8)
    }

    @Test func createdMsOutOfRangeOrFractionalIsRefused() throws {
        for value in ["1e300", "-1e19", "9223372036854775808", "1795824000000.5", "8640000000000001"] {
            do {
                _ = try BaselineDocument.parse(try document(createdMs: value), path: "b.json")
                Issue.record("\(value) was accepted")
            } catch AgentError.badBaselineFile(let path, let reason) {
                #expect(path == "b.json")
                #expect(reason.contains("'created_ms'"), "\(value): \(reason)")
            }
        }
    }

    @Test func createdMsAtTheLimitsIsAccepted() throws {
        for (value, expected) in [
            ("8640000000000000", Timestamp.limit), ("-8640000000000000", -Timestamp.limit), ("0", 0),
        ] {
            let baseline = try BaselineDocument.parse(try document(createdMs: value), path: "b.json")
            #expect(baseline.createdMs == expected)
        }
    }
}
