import DriftAgent
import DriftCore
import DriftTestSupport
import Foundation
import Testing

/// Learned thresholds from `baseline create`, against `Fixtures/reference/learned/learned_reference.json`
/// (made by `make_learned_reference.py` with numpy/scipy from the committed `baseline.jsonl`), the
/// document round trip, tiny baselines, and the threshold precedence worked by hand.
struct LearnedThresholdTests {
    static let directory = DemoPipelineTests.root + "/Fixtures/reference/learned"

    static func reference() throws -> ReferenceJSON {
        let text = try String(contentsOfFile: directory + "/learned_reference.json", encoding: .utf8)
        return try #require(ReferenceJSON.parse(text))
    }

    static func build(_ path: String, learning: BaselineBuilder.Learning = .init()) throws -> Baseline {
        try BaselineBuilder.build(
            configuration: Configuration(), model: "ref", version: nil, inputs: [path], createdMs: 0, learning: learning
        ).baseline
    }

    /// Expects `feature`'s learned PSI, JS and missing-rate entries to match the reference's mean, std
    /// and threshold (to 1e-9), each learned from `chunks` chunks.
    static func expectEntries(
        _ learned: LearnedThresholds, feature name: String, match expected: ReferenceJSON, chunks: Int
    ) throws {
        for test in [DriftTest.psi, .js, .missingRate] {
            let want = expected[test.rawValue]
            let entry = try #require(learned.entry(feature: name, test: test), "\(name) \(test)")
            #expect(abs(entry.mean - want["mean"].double) <= 1e-9, "\(name) \(test) mean")
            #expect(abs(entry.standardDeviation - want["std"].double) <= 1e-9, "\(name) \(test) std")
            #expect(abs(entry.threshold - want["threshold"].double) <= 1e-9, "\(name) \(test) threshold")
            #expect(entry.chunks == chunks)
        }
    }

    @Test func chunkStatisticsMatchNumpy() throws {
        let reference = try Self.reference()
        let baseline = try Self.build(Self.directory + "/baseline.jsonl")
        let learned = try #require(baseline.learned)
        #expect(baseline.profile.rows == UInt64(reference["rows"].int))
        #expect(learned.chunks == reference["chunks"].int)
        #expect(learned.chunkRows == reference["smallest_chunk"].int)
        #expect(learned.note == nil)
        for name in ["ar", "iid", "flat"] {
            let expected = reference["features"][name]
            #expect(baseline.profile.features[name]?.bins?.edges == expected["edges"].doubles, "\(name) edges")
            try Self.expectEntries(learned, feature: name, match: expected, chunks: 10)
        }
        // The constant feature learns only the floor: a window equal to the baseline stays ok.
        #expect(learned.entry(feature: "flat", test: .psi)?.threshold == 1e-6)
        // Every statistic applicable to the kind is learned, for the categorical feature too.
        #expect(
            Set(learned.entries["ar"]?.keys.map(\.rawValue) ?? []) == [
                "psi", "ks", "js", "hellinger",
                "wasserstein", "missing_rate", "out_of_range",
            ])
        #expect(learned.entries["cat"]?[.linf] != nil && learned.entries["cat"]?[.chi2] != nil)
    }

    @Test func documentRoundTripsTheLearnedMember() throws {
        let baseline = try Self.build(Self.directory + "/baseline.jsonl")
        let text = BaselineDocument.render(baseline)
        let parsed = try BaselineDocument.parse(Array(text.utf8), path: "x.json")
        #expect(parsed == baseline)
        #expect(try Baseline(stored: baseline.stored) == baseline)
        // An edited entry that is not a number is refused, naming the key.
        let broken = text.replacingOccurrences(of: "\"threshold\": ", with: "\"threshold\": \"x\", \"was\": ")
        do {
            _ = try BaselineDocument.parse(Array(broken.utf8), path: "x.json")
            Issue.record("a non-numeric learned threshold was accepted")
        } catch {
            #expect("\(error)".contains("'learned_thresholds.features.ar.chi2_p") == false)
            #expect("\(error)".contains("'learned_thresholds.features.") && "\(error)".contains(".threshold'"))
        }
    }

    @Test func tinyBaselinesLearnNothingAndSaySo() throws {
        let scratch = ScratchDirectory(prefix: "learned")
        let lines = try String(contentsOfFile: Self.directory + "/baseline.jsonl", encoding: .utf8)
            .split(separator: "\n").prefix(999)
        let path = scratch.write(lines.joined(separator: "\n") + "\n", to: "tiny.jsonl")
        let learned = try #require(try Self.build(path).learned)
        #expect(learned.entries.isEmpty && learned.chunks == 0)
        #expect(learned.note?.contains("999 rows") == true)
        // Chunks given by size: 999 rows / 99 = 10 chunks of 99 or 100 rows, over the 90-row minimum.
        let sized = try #require(
            try Self.build(path, learning: .init(chunkRows: 99, minimumChunkRows: 90)).learned)
        #expect(sized.chunks == 10 && sized.chunkRows == 99 && sized.note == nil)
        #expect(try Self.build(path, learning: .init(chunks: 0)).learned == nil)
    }

    @Test func explicitThresholdsWinOverLearnedOnesWhichWinOverDefaults() {
        var model = ModelConfiguration(name: "m")
        let entry = LearnedThresholds.Entry(mean: 0.01, standardDeviation: 0.005, chunks: 10, threshold: 0.025)
        let learned = LearnedThresholds(chunks: 10, chunkRows: 100, entries: ["a": [.psi: entry, .ks: entry]])
        // Off: the default, even with a learned entry.
        #expect(model.threshold(for: .psi, feature: "a", isPrimary: true, learned: learned) == (0.1, .default))
        model.learnedThresholds = true
        #expect(model.threshold(for: .psi, feature: "a", isPrimary: true, learned: learned) == (0.025, .learned))
        #expect(model.threshold(for: .js, feature: "a", isPrimary: false, learned: learned) == (0.1, .default))
        #expect(model.threshold(for: .psi, feature: "b", isPrimary: true, learned: learned) == (0.1, .default))
        model.thresholds[.ks] = 0.2
        #expect(model.threshold(for: .ks, feature: "a", isPrimary: false, learned: learned) == (0.2, .config))
        model.overrides["a"] = FeatureOverride(threshold: 0.3)
        #expect(model.threshold(for: .psi, feature: "a", isPrimary: true, learned: learned) == (0.3, .config))
        model.overrides["a"] = FeatureOverride(learnedThresholds: false)
        #expect(model.threshold(for: .psi, feature: "a", isPrimary: true, learned: learned) == (0.1, .default))
        model.learnedThresholds = false
        model.overrides["a"] = FeatureOverride(learnedThresholds: true)
        #expect(model.threshold(for: .psi, feature: "a", isPrimary: true, learned: learned) == (0.025, .learned))
        #expect(model.usesLearnedThresholds)
    }
}
