import DriftTestSupport
import Foundation

/// `Fixtures/reference/stats/stats_reference.json`, made by `make_stats_reference.py` (numpy/scipy).
///
/// Parsed with `ReferenceJSON`, not `JSONSerialization`, so every double is the one numpy wrote.
enum ScoresReferenceFixture {
    /// Parsed once per test process (the parser is slow in debug builds).
    static let shared: ReferenceJSON? = load("stats_reference.json")
    /// `kolmogorov_reference.json`, made by `make_kolmogorov_reference.py` (scipy's smirnov and kstwo).
    static let kolmogorov: ReferenceJSON? = load("kolmogorov_reference.json")

    private static func load(_ name: String) -> ReferenceJSON? {
        let path = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/reference/stats/" + name).path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return ReferenceJSON.parse(text)
    }
}

/// Agreement to `tolerance` relative to the expected value, or to 1e-15 absolute near zero.
func agrees(_ actual: Double, _ expected: Double, tolerance: Double = 1e-9) -> Bool {
    let gap = abs(actual - expected)
    return gap <= tolerance * abs(expected) || gap <= 1e-15
}
