import DriftCore
import DriftStore
import DriftTestSupport
import Testing

@testable import DriftAgent

/// The fold buffers each numeric feature's numbers per window (`NumericColumns`) and hands them
/// to the summary a column at a time; these tests fold generated logs whose lines jump between
/// several open windows, with missing, `null`, string, Boolean, infinite and −0.0 values,
/// duplicate keys and a feature that appears mid-stream, and compare every summary — stored by
/// backfill, or in each snapshot of the open windows — with the oracle of one `FeatureSummary`
/// insert per line in line order, bit for bit (encoded bytes).
struct NumericFoldTests {
    static let t0: Int64 = 1_793_836_800_000  // 2026-11-05T00:00:00Z
    static let windowMilliseconds: Int64 = 60_000
    static let k = 8  // compacts every few values, so the sketch's order dependence shows

    /// What the oracle records for one value.
    enum Observation {
        case number(Double)
        case missing
        case mismatch
    }

    /// One generated line and what each feature observed in it.
    struct Line {
        var text: String
        var windowStart: Int64
        var observations: [String: Observation]
    }

    static func value(_ sampler: inout Sampler) -> (json: String?, observation: Observation) {
        switch sampler.uniform() {
        case ..<0.03: return (nil, .missing)
        case ..<0.05: return ("null", .missing)
        case ..<0.06: return ("\"x\"", .mismatch)
        case ..<0.07: return ("true", .mismatch)
        case ..<0.08: return ("1e400", .number(.infinity))
        case ..<0.09: return ("-1e400", .number(-.infinity))
        case ..<0.11: return ("-0.0", .number(-0.0))
        case ..<0.20:
            let repeated = sampler.int(below: 4)
            return ("\(repeated)", .number(Double(repeated)))
        default:
            let x = sampler.normal(mean: 10, sd: 3)
            return ("\(x)", .number(x))
        }
    }

    static func lines(seed: UInt64, count: Int) -> [Line] {
        var sampler = Sampler(seed: seed)
        var out: [Line] = []
        var latest = t0
        for i in 0..<count {
            // Mostly forward in time, sometimes back into an earlier window still open.
            latest += Int64(sampler.int(below: 400))
            let ts = sampler.uniform() < 0.3 ? latest - Int64(sampler.int(below: 150_000)) : latest
            var fields: [(name: String, json: String?, observation: Observation)] = []
            for name in ["a", "b", "c"] {
                var (json, observation) = value(&sampler)
                if i == 0 { (json, observation) = ("1.25", .number(1.25)) }  // fixes the kind: numeric
                fields.append((name, json, observation))
            }
            if i >= count / 3 {  // "late" appears a third of the way in
                var (json, observation) = value(&sampler)
                if i == count / 3 { (json, observation) = ("2.5", .number(2.5)) }
                fields.append(("late", json, observation))
            }
            if sampler.uniform() < 0.1 { fields.swapAt(0, 2) }  // another key order now and then
            var members = fields.compactMap { field in field.json.map { "\"\(field.name)\":\($0)" } }
            if sampler.uniform() < 0.05, fields.contains(where: { $0.name == "a" && $0.json != nil }) {
                members.append("\"a\":12345")  // a duplicate key: the first occurrence counts
            }
            let features = members.joined(separator: ",")
            out.append(
                Line(
                    text: "{\"ts\":\(ts),\"model\":\"m\",\"version\":\"1\",\"features\":{\(features)}}",
                    windowStart: ts - ts % windowMilliseconds,
                    observations: Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0.observation) })))
        }
        return out
    }

    /// One insert per line: window start → feature → summary. A feature counts as missing in
    /// every line after the one where it first appeared (in any window), as the fold does.
    struct Oracle {
        var known: [String] = []
        var windows: [Int64: [String: FeatureSummary]] = [:]

        mutating func record(_ line: Line) {
            for name in line.observations.keys.sorted() where !known.contains(name) { known.append(name) }
            var window = windows[line.windowStart] ?? [:]
            for name in known {
                var summary = window[name] ?? FeatureSummary(kind: .numeric, sketchK: NumericFoldTests.k)
                switch line.observations[name] ?? .missing {
                case .number(let x): summary.insert(number: x)
                case .missing: summary.insertMissing()
                case .mismatch: summary.insertTypeMismatch()
                }
                window[name] = summary
            }
            windows[line.windowStart] = window
        }

        func expectEqual(_ profile: Profile, start: Int64, _ context: String) {
            let expected = windows[start] ?? [:]
            #expect(Set(profile.features.keys) == Set(expected.keys), "\(context), window \(start)")
            for (name, summary) in expected {
                #expect(profile.features[name]?.encoded() == summary.encoded(), "\(context), window \(start), \(name)")
            }
        }
    }

    static var configuration: Configuration {
        var configuration = Configuration()
        configuration.defaults.sketchK = k
        configuration.defaults.windowMilliseconds = windowMilliseconds
        configuration.defaults.latenessMilliseconds = 200_000
        return configuration
    }

    static func backfill(seed: UInt64, lines count: Int, commitEvery: Int) throws {
        let lines = Self.lines(seed: seed, count: count)
        var oracle = Oracle()
        for line in lines { oracle.record(line) }
        let path = try BackfillTests.write(lines.map(\.text), name: "numbers")
        let store = try Store(path: ":memory:")
        var options = Backfill.Options(inputs: [path])
        options.commitEveryLines = commitEvery
        _ = try Backfill(configuration: configuration, store: store, now: { 0 }).run(options)
        let windows = try store.windows(model: "m", since: nil, until: nil)
        #expect(windows.count == oracle.windows.count, "seed \(seed)")
        for window in windows {
            oracle.expectEqual(try Profile(decoding: window.profile), start: window.key.startMs, "seed \(seed)")
        }
    }

    @Test func storedSummariesEqualOneInsertPerLine() throws {
        for seed: UInt64 in 1...4 {
            try Self.backfill(seed: seed, lines: 1_500, commitEvery: 100_000)
        }
    }

    /// Mid-window commits store the open windows as they stand and go on folding.
    @Test func midWindowCommitsKeepTheSameSummaries() throws {
        for seed: UInt64 in 5...7 {
            try Self.backfill(seed: seed, lines: 1_200, commitEvery: 97)
        }
    }

    /// Every snapshot the aggregator hands over — closed windows and, every few lines, the open
    /// ones as they stand (what the live agent stores) — holds every number folded so far.
    @Test func everySnapshotHoldsTheLinesSoFar() throws {
        for seed: UInt64 in 8...10 {
            let lines = Self.lines(seed: seed, count: 1_000)
            var oracle = Oracle()
            var aggregator = try WindowAggregator(configuration: Self.configuration, store: try Store(path: ":memory:"))
            var snapshots = 0
            for (index, line) in lines.enumerated() {
                oracle.record(line)
                let outcome = try Array(line.text.utf8).withUnsafeBytes { try aggregator.process($0) }
                try #require(outcome == .counted, "seed \(seed), line \(index)")
                let drained = aggregator.drain(includeOpen: index % 37 == 36)
                for window in drained.windows {
                    oracle.expectEqual(window.profile, start: window.key.start, "seed \(seed), line \(index)")
                    snapshots += 1
                }
            }
            aggregator.closeAll()
            for window in aggregator.drain(includeOpen: false).windows {
                oracle.expectEqual(window.profile, start: window.key.start, "seed \(seed), end")
                snapshots += 1
            }
            #expect(snapshots > 2 * 1_000 / 37, "seed \(seed)")
        }
    }
}
