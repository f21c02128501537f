import DriftCore
import DriftIngest
import DriftTestSupport
import Testing

@testable import DriftAgent

/// The window fold of one categorical feature (`FoldTarget.observe`, the stream's interner, the
/// window's `CategoryBatch` and `WindowState.flushCategories`), past the cap where it counts the
/// Misra–Gries sketch by interned id, against the oracle of one `FeatureSummary.insert(category:)`
/// of the decoded string per value (or `insertMissing`), in order. After every snapshot the
/// window's summary must equal the oracle (`==`) and encode to the same bytes.
struct CategorySketchFoldTests {
    /// One scanned value, or a snapshot of the window.
    enum Event {
        case plain(String)  // an unescaped JSON string: its UTF-8 bytes are the category
        case escaped(json: String, decoded: String)
        case bool(Bool)
        case number(Int)
        case null
        case snapshot
    }

    struct Run {
        var stream: StreamState
        var oracle: FeatureSummary
        var sawSketchMode = false

        init(start: FeatureSummary, internerLimit: Int?) {
            stream = StreamState(
                key: StreamKey(model: "m", version: "1"), model: ModelConfiguration(name: "m"), baseline: nil,
                listed: nil)
            _ = stream.addFeature("f", kind: .categorical)
            stream.windows = [WindowState(features: [start])]
            if let internerLimit { stream.interners = [CategoryInterner(limit: internerLimit)] }
            oracle = start
        }

        mutating func apply(_ event: Event, _ context: String) {
            let value: JSONValue
            var bytes: [UInt8] = []
            switch event {
            case .snapshot:
                stream.windows[0].flushCategories(interners: stream.interners)
                #expect(stream.windows[0].features[0] == oracle, "\(context)")
                #expect(stream.windows[0].features[0].encoded() == oracle.encoded(), "\(context)")
                return
            case .plain(let text):
                bytes = Array(text.utf8)
                value = .string(StringRef(range: 0..<bytes.count, hasEscapes: false))
                oracle.insert(category: text)
            case .escaped(let json, let decoded):
                bytes = Array(json.utf8)
                value = .string(StringRef(range: 0..<bytes.count, hasEscapes: true))
                oracle.insert(category: decoded)
            case .bool(let flag):
                value = .bool(flag)
                oracle.insert(category: flag ? "true" : "false")
            case .number(let number):
                value = .number(Double(number))
                oracle.insert(category: String(number))
            case .null:
                value = .null
                oracle.insertMissing()
            }
            bytes.withUnsafeBytes { line in
                var target = FoldTarget(taking: 0, from: &stream)
                target.observe(value, slot: 0, line)
                target.putBack(0, into: &stream)
            }
            if stream.windows[0].categoryBatches.first?.mode == .sketch { sawSketchMode = true }
        }
    }

    /// Values of scenario `kind`; snapshots at random points.
    static func events(_ kind: Int, count: Int, cap: Int, seed: UInt64) -> [Event] {
        var sampler = Sampler(seed: seed)
        let zipf = Sampler.zipfCDF(n: 20 * cap, s: 1.1)
        var out: [Event] = []
        for i in 0..<count {
            if sampler.uniform() < 0.01 { out.append(.snapshot) }
            let k = sampler.zipf(cdf: zipf)
            switch kind {
            case 1:  // many distinct rare values between a few frequent ones
                out.append(.plain(sampler.uniform() < 0.5 ? "hot-\(k % 3)" : "rare-\(i)"))
            case 2:  // exactly the cap, a snapshot, then one more value at a time
                out.append(.plain(i < cap ? "v-\(i)" : i % 2 == 0 ? "v-\(i % cap)" : "new-\(i)"))
                if i == cap - 1 { out.append(.snapshot) }
            case 3:  // what the batch cannot follow, now and then
                let roll = sampler.uniform()
                if roll < 0.01 {
                    out.append(.escaped(json: #"v\u002d\#(k)"#, decoded: "v-\(k)"))
                } else if roll < 0.02 {
                    out.append(.bool(k % 2 == 0))
                } else if roll < 0.03 {
                    out.append(.number(k))
                } else if roll < 0.05 {
                    out.append(.null)
                } else if roll < 0.06 {
                    out.append(.plain(["é-\(k % 3)", "e\u{301}-\(k % 3)", "\u{212A}", "K"][k % 4]))
                } else {
                    out.append(.plain("v-\(k)"))
                }
            case 4, 5:  // frequent non-ASCII values, canonically equivalent spellings among them
                // (kind 5: only after the cap was crossed with ASCII values)
                let spellings = ["é", "e\u{301}", "\u{212A}", "K", "Å", "A\u{30A}"]
                let late = kind == 5 && i < count / 3
                out.append(.plain(!late && sampler.uniform() < 0.3 ? spellings[k % spellings.count] : "v-\(k)"))
            default: out.append(.plain("v-\(k)"))  // Zipf
            }
        }
        out.append(.snapshot)
        return out
    }

    static func check(kind: Int, seed: UInt64, start: FeatureSummary, internerLimit: Int? = nil) -> Bool {
        var run = Run(start: start, internerLimit: internerLimit)
        let cap = start.categories.cap
        for (step, event) in events(kind, count: 3_000, cap: cap, seed: seed).enumerated() {
            run.apply(event, "stream \(kind), seed \(seed), event \(step)")
        }
        return run.sawSketchMode
    }

    @Test func countingByIDEqualsOneInsertPerValue() {
        for seed: UInt64 in 1...4 {
            for kind in 0...2 {
                let empty = FeatureSummary(kind: .categorical, categoryCap: [8, 20, 50, 1][Int(seed) % 4])
                #expect(Self.check(kind: kind, seed: seed, start: empty), "stream \(kind), seed \(seed)")
            }
        }
    }

    /// Escapes, Booleans, numbers, nulls and non-ASCII values (canonically equivalent spellings
    /// included) end the counting by id for the window; the values still count as inserted.
    @Test func valuesTheBatchCannotFollow() {
        for seed: UInt64 in 1...6 {
            for kind in 3...5 {
                _ = Self.check(kind: kind, seed: seed, start: FeatureSummary(kind: .categorical, categoryCap: 12))
            }
        }
    }

    /// A full interner gives new values no id: they take the string path.
    @Test func fullInternerFallsBackToStrings() {
        for seed: UInt64 in 1...4 {
            for kind in [0, 1, 3] {
                let empty = FeatureSummary(kind: .categorical, categoryCap: 10)
                _ = Self.check(kind: kind, seed: seed, start: empty, internerLimit: 25)
            }
        }
    }

    /// A window reopened from the store (decoded profile, exact or past its cap) continues by id.
    @Test func reopenedWindowsContinue() throws {
        for seed: UInt64 in 1...4 {
            for prefix in [5, 40, 600] {
                var stored = FeatureSummary(kind: .categorical, categoryCap: 16)
                var sampler = Sampler(seed: seed &+ 100)
                let cdf = Sampler.zipfCDF(n: 300, s: 1.1)
                for _ in 0..<prefix { stored.insert(category: "v-\(sampler.zipf(cdf: cdf))") }
                let reopened = try FeatureSummary(decoding: stored.encoded())
                #expect(Self.check(kind: 0, seed: seed, start: reopened), "seed \(seed), prefix \(prefix)")
            }
        }
    }
}
