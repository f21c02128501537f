import DriftAgent
import DriftCore
import DriftStore
import DriftTestSupport
import Testing

/// The hot path counts categories through a per-feature interner and defers exact counts to the
/// window's snapshot; these tests backfill generated logs and compare every stored categorical
/// summary with the oracle of one `FeatureSummary.insert(category:)` per line, in line order
/// (same value, same missing count), which is what the stored profile must equal bit for bit.
struct CategoryFoldTests {
    static let t0: Int64 = 1_793_836_800_000  // 2026-11-05T00:00:00Z, all lines in one hour

    /// One generated line's categorical fields, as JSON text and as the oracle's observation.
    struct Field {
        var json: String?  // nil: the key is absent
        var category: String?  // nil: missing (absent or null)
    }

    /// Zipf values over `ids`, some written with a `\u002d` escape for the dash (the same category
    /// by another path), some null or absent.
    static func field(_ sampler: inout Sampler, cdf: [Double], escapes: Bool) -> Field {
        let roll = sampler.uniform()
        if roll < 0.02 { return Field(json: nil, category: nil) }
        if roll < 0.04 { return Field(json: "null", category: nil) }
        let id = sampler.zipf(cdf: cdf)
        if escapes, roll < 0.07 { return Field(json: #""v\u002d\#(id)""#, category: "v-\(id)") }
        return Field(json: "\"v-\(id)\"", category: "v-\(id)")
    }

    static func run(seed: UInt64, lines count: Int, cap: Int, commitEvery: Int, escapes: Bool) throws {
        let wide = Sampler.zipfCDF(n: 60, s: 1.1)  // crosses a cap of 10 within the window
        let narrow = Sampler.zipfCDF(n: 6, s: 1.1)  // stays exact
        var sampler = Sampler(seed: seed)
        var oracle = [
            "wide": FeatureSummary(kind: .categorical, categoryCap: cap),
            "narrow": FeatureSummary(kind: .categorical, categoryCap: cap),
            "flag": FeatureSummary(kind: .categorical, categoryCap: cap),
        ]
        var lines: [String] = []
        for i in 0..<count {
            var fields: [(String, Field)] = [
                ("wide", field(&sampler, cdf: wide, escapes: escapes)),
                ("narrow", field(&sampler, cdf: narrow, escapes: escapes)),
            ]
            // A Boolean feature: categorical "true"/"false", counted without the interner.
            let flag = sampler.uniform() < 0.5 ? "true" : "false"
            fields.append(("flag", Field(json: flag, category: flag)))
            if i == 0 {  // every feature present with a string on the first line, fixing its kind
                fields[0].1 = Field(json: #""v-1""#, category: "v-1")
                fields[1].1 = Field(json: #""v-1""#, category: "v-1")
            }
            if sampler.uniform() < 0.1 { fields.swapAt(0, 1) }  // another key order now and then
            var members = ["\"x\":\(i)"]
            for (name, field) in fields {
                if let json = field.json { members.append("\"\(name)\":\(json)") }
                if let category = field.category {
                    oracle[name]?.insert(category: category)
                } else {
                    oracle[name]?.insertMissing()
                }
            }
            let ts = t0 + Int64(i) * 1000
            lines.append(
                "{\"ts\":\(ts),\"model\":\"m\",\"version\":\"1\",\"features\":{\(members.joined(separator: ","))}}")
        }
        let path = try BackfillTests.write(lines, name: "categories")
        let store = try Store(path: ":memory:")
        var configuration = Configuration()
        configuration.defaults.categoryCap = cap
        var options = Backfill.Options(inputs: [path])
        options.commitEveryLines = commitEvery
        _ = try Backfill(configuration: configuration, store: store, now: { 0 }).run(options)
        let windows = try store.windows(model: "m", since: nil, until: nil)
        try #require(windows.count == 1, "seed \(seed)")
        let profile = try Profile(decoding: windows[0].profile)
        for (name, expected) in oracle {
            let stored = profile.features[name]
            #expect(stored == expected, "seed \(seed), feature \(name)")
            #expect(stored?.encoded() == expected.encoded(), "seed \(seed), feature \(name)")
        }
        #expect(profile.features["wide"]?.categories.isExact == false, "seed \(seed): the cap was not crossed")
        #expect(profile.features["narrow"]?.categories.isExact == true, "seed \(seed)")
    }

    @Test func storedSummariesEqualOneInsertPerLine() throws {
        for seed: UInt64 in 1...6 {
            try Self.run(seed: seed, lines: 600, cap: 10, commitEvery: 1_000, escapes: seed % 2 == 0)
        }
    }

    /// Mid-window commits snapshot the open window: the deferred counts are handed over each time.
    @Test func midWindowSnapshotsKeepTheSameCounts() throws {
        for seed: UInt64 in 7...10 {
            try Self.run(seed: seed, lines: 500, cap: 10, commitEvery: 37, escapes: seed % 2 == 0)
        }
    }
}
