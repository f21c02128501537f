import DriftCore
import DriftIngest
import DriftStore
import DriftTestSupport
import Testing

@testable import DriftAgent

/// Zero-config folding maps a member to its feature slot by the scanner's key template entry
/// (``JSONMember/keyIndex``) while the template generation stays. Generated logs of two models
/// taking turns line by line (overlapping key sets), whose keys change order, drop out, come
/// back, appear for the first time mid-stream (a new template), are spelled with escapes
/// (`\u0061mount` is `amount`) and repeat within a line (the first occurrence counts), are
/// backfilled; oracle: one `FeatureSummary` insert per line and feature, computed from the
/// generator's own record of each line, compared bit for bit (encoded bytes).
struct TemplateSlotFoldTests {
    /// Keys per model: (decoded name, JSON spelling); lengths around the 8-byte word.
    static let pools: [String: [(String, String)]] = [
        "m1": [
            ("amount", "\"amount\""), ("a", "\"a\""), ("abcdefgh", "\"abcdefgh\""), ("abcdefghi", "\"abcdefghi\""),
            ("transaction_amount_usd", "\"transaction_amount_usd\""), ("b", "\"b\""), ("c", "\"c\""),
        ],
        "m2": [
            ("amount", "\"amount\""), ("b", "\"b\""), ("z", "\"z\""), ("abcdefgh", "\"abcdefgh\""),
            ("zz_long_feature_name", "\"zz_long_feature_name\""),
        ],
    ]

    struct Line {
        var text: String
        var model: String
        var windowStart: Int64
        /// The first occurrence of each feature in the line (number, or nil for a string value).
        var observations: [String: Double?]
    }

    static func lines(seed: UInt64, count: Int) -> [Line] {
        var sampler = Sampler(seed: seed)
        var out: [Line] = []
        var introduced: [String: Set<String>] = [:]
        var ts = NumericFoldTests.t0
        for i in 0..<count {
            ts += Int64(sampler.int(below: 300))
            let model = i % 3 == 2 ? "m2" : "m1"  // the models take turns
            var keys = pools[model] ?? []
            // Stable most of the time; sometimes keys drop out, swap or rotate.
            if sampler.uniform() < 0.15 { keys.remove(at: sampler.int(below: keys.count)) }
            if sampler.uniform() < 0.1 { keys.swapAt(0, keys.count - 1) }
            if sampler.uniform() < 0.05 { keys = Array(keys[2...] + keys[..<2]) }
            if i >= count / 2 || sampler.uniform() < 0.02 {  // a key new to the template mid-stream
                keys.insert(("late_\(model)", "\"late_\(model)\""), at: sampler.int(below: keys.count + 1))
            }
            if sampler.uniform() < 0.05, let at = keys.firstIndex(where: { $0.0 == "amount" }) {
                keys[at].1 = "\"\\u0061mount\""  // the same name in other raw bytes
            }
            var members: [String] = []
            var observations: [String: Double?] = [:]
            for (name, spelling) in keys {
                let first = introduced[model, default: []].insert(name).inserted
                let value: Double? = !first && sampler.uniform() < 0.05 ? nil : Double(sampler.int(below: 1000)) / 8
                members.append("\(spelling):\(value.map { "\($0)" } ?? "\"s\"")")
                observations[name] = value
            }
            if sampler.uniform() < 0.08, let (_, spelling) = keys.first {
                members.append("\(spelling):99999")  // a duplicate key: the first occurrence counts
            }
            out.append(
                Line(
                    text: "{\"ts\":\(ts),\"model\":\"\(model)\",\"version\":\"1\",\"features\":{"
                        + members.joined(separator: ",") + "}}",
                    model: model, windowStart: ts - ts % NumericFoldTests.windowMilliseconds,
                    observations: observations))
        }
        return out
    }

    /// One insert per line: model → window start → feature → summary; a feature is missing in
    /// every line of its model after the one where it first appeared.
    struct Oracle {
        var known: [String: [String]] = [:]
        var windows: [String: [Int64: [String: FeatureSummary]]] = [:]

        mutating func record(_ line: Line) {
            for name in line.observations.keys.sorted() where !(known[line.model]?.contains(name) ?? false) {
                known[line.model, default: []].append(name)
            }
            var window = windows[line.model]?[line.windowStart] ?? [:]
            for name in known[line.model] ?? [] {
                var summary = window[name] ?? FeatureSummary(kind: .numeric, sketchK: NumericFoldTests.k)
                switch line.observations[name] {
                case .some(.some(let x)): summary.insert(number: x)
                case .some(.none): summary.insertTypeMismatch()
                case .none: summary.insertMissing()
                }
                window[name] = summary
            }
            windows[line.model, default: [:]][line.windowStart] = window
        }
    }

    @Test func storedSummariesEqualOneInsertPerLine() throws {
        for seed: UInt64 in 21...24 {
            let lines = Self.lines(seed: seed, count: 1_200)
            var oracle = Oracle()
            for line in lines { oracle.record(line) }
            let path = try BackfillTests.write(lines.map(\.text), name: "template-slots")
            let store = try Store(path: ":memory:")
            _ = try Backfill(configuration: NumericFoldTests.configuration, store: store, now: { 0 })
                .run(Backfill.Options(inputs: [path]))
            for model in ["m1", "m2"] {
                let expected = oracle.windows[model] ?? [:]
                let windows = try store.windows(model: model, since: nil, until: nil)
                #expect(windows.count == expected.count, "seed \(seed), \(model)")
                for window in windows {
                    let profile = try Profile(decoding: window.profile)
                    let summaries = expected[window.key.startMs] ?? [:]
                    #expect(Set(profile.features.keys) == Set(summaries.keys), "seed \(seed), \(model)")
                    for (name, summary) in summaries {
                        #expect(
                            profile.features[name]?.encoded() == summary.encoded(),
                            "seed \(seed), \(model), window \(window.key.startMs), \(name)")
                    }
                }
            }
        }
    }

    /// Identical lines: from the second on every key matches the template, and each entry's slot
    /// is the slot of the key the line has at that position (oracle: the line's key order).
    @Test func aStableLayoutMapsEveryTemplateEntryToItsSlot() throws {
        var aggregator = try WindowAggregator(
            configuration: NumericFoldTests.configuration, store: try Store(path: ":memory:"))
        let text = "{\"ts\":\(NumericFoldTests.t0),\"model\":\"m\",\"features\":{\"q\":1,\"p\":2,\"q\":3,\"r\":4}}"
        for _ in 0..<3 {
            let outcome = try Array(text.utf8).withUnsafeBytes { try aggregator.process($0) }
            try #require(outcome == .counted)
        }
        let features = aggregator.fields.members.filter { $0.group == aggregator.streams[0].featureGroup }
        #expect(features.map(\.keyIndex).allSatisfy { $0 >= 0 })
        let stream = try #require(aggregator.streams.first)
        #expect(stream.names == ["q", "p", "r"])
        #expect(stream.memberCache.generation == aggregator.fields.keyGeneration)
        let bySlot = features.map { stream.memberCache.slot(templateIndex: $0.keyIndex) }
        #expect(bySlot == [0, 1, 0, 2])
    }
}
