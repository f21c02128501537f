import DriftIngest
import DriftTestSupport
import Testing

@testable import DriftAgent

/// The cached timestamp parser against the oracle of the full parser,
/// `Timestamp.milliseconds(from:in:)`, on sequences where the cache hits, misses and must refuse.
struct TimestampCacheTests {
    private static func check(_ texts: [String], _ context: String) {
        var cache = TimestampCache()
        for text in texts {
            let line = Array("\"\(text)\"".utf8)
            line.withUnsafeBytes { raw in
                let value = JSONValue.string(StringRef(range: 1..<line.count - 1, hasEscapes: false))
                let expected = Timestamp.milliseconds(from: value, in: raw)
                #expect(cache.milliseconds(from: value, in: raw) == expected, "\(context): \(text)")
            }
        }
    }

    @Test func handPickedSuffixes() {
        let prefix = "2026-11-01T00:07"
        let suffixes = [
            ":00Z", ":00Z", ":05.1Z", ":05.12Z", ":05.123Z", ":05.1234Z", ":05.123456789z", ":59.999Z",
            ":60Z", ":60.5Z", ":61Z", ":5Z", ":5aZ", ":05.Z", ":05.1", ":05.1ZZ", ":05+01:00", ":05.25+01:30",
            ":05-00:00", ":05Zx", ":05 Z", ":00Z",
        ]
        Self.check(suffixes.map { prefix + $0 }, "one minute")
        // A prefix that never parses (month 13) must never be cached.
        Self.check(
            ["2026-13-01T00:07:00Z", "2026-13-01T00:07:01Z", "2026-02-29T00:00:00Z", "2026-02-29T00:00:01Z"], "bad")
        // Other shapes of timestamp: epoch text, lower-case t, a space, and numbers.
        Self.check(["1793836800123", "2026-11-01t00:07:00Z", "2026-11-01 00:07:00Z", "2026-11-01t00:07:01Z"], "shapes")
    }

    @Test func generatedSequences() {
        for seed: UInt64 in 1...20 {
            var sampler = Sampler(seed: seed)
            var texts: [String] = []
            var seconds = 0
            for _ in 0..<300 {
                seconds += Int(sampler.uniform() * 7)
                let minute = seconds / 60 % 60
                let hour = seconds / 3600 % 24
                let fraction = String(Int(sampler.uniform() * 1000))
                let pad = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
                var text = "2026-11-0\(1 + seconds / 86_400 % 9)T\(pad(hour)):\(pad(minute)):\(pad(seconds % 60))"
                if sampler.uniform() < 0.5 { text += "." + fraction }
                text += sampler.uniform() < 0.9 ? "Z" : "+02:00"
                texts.append(text)
            }
            Self.check(texts, "seed \(seed)")
        }
    }
}
