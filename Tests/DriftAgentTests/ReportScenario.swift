import DriftAgent
import DriftCore
import DriftIngest
import DriftStore
import DriftTestSupport

/// A generated log with known content for the report tests, backfilled into a fresh store.
///
/// Model `m` version `1`, three hourly windows from 2026-11-01T00:00Z; numeric `x` (N(0, 1)),
/// categorical `c` (A/B/C at 50/30/20 %), a probability prediction and a label. Hour 2 shifts `x`
/// by +0.8 sd and `c` to 20/30/50 %. Three bad lines sit in hour 1 (two invalid JSON, one without a
/// timestamp). The baseline (2,000 rows of the unshifted distributions, decile bins on `x`) is
/// stored before the backfill, so windows get exact bin counts.
struct ReportScenario {
    struct Row {
        var time: Int64
        var x: Double
        var c: String
        var prediction: Double
        var label: Bool
    }

    static let model = "m"
    static let start: Int64 = Timestamp.milliseconds(rfc3339: "2026-11-01T00:00:00Z") ?? 0
    static let hour: Int64 = 3_600_000
    static let categories = ["A", "B", "C"]
    static let config = """
        [defaults]
        min_rows = 100

        [models.m]
        numeric = ["x"]
        categorical = ["c"]
        drift_share = 0.5
        """

    let directory = ScratchDirectory(prefix: "report")
    let configuration: Configuration
    let store: Store
    let baselineX: [Double]
    let baselineC: [String]
    let edges: [Double]
    /// Good rows per hour, in file order.
    var hours: [[Row]] = []
    let reports: [Backfill.FileReport]

    init(seed: UInt64 = 42) throws {
        var sampler = Sampler(seed: seed)
        configuration = try ConfigurationLoader.parse(text: Self.config, path: "report.toml")
        store = try Store(path: directory.file("state.db"))
        baselineX = (0..<2_000).map { _ in sampler.normal() }
        baselineC = (0..<2_000).map { _ in Self.category(&sampler, weights: [0.5, 0.3, 0.2]) }
        edges = QuantileBins.innerEdges(fromSortedBaseline: baselineX.sorted())
        try store.saveBaseline(
            StoredBaseline(
                model: Self.model, version: "1", createdMs: 0, source: "generated",
                sha256: String(repeating: "ab", count: 32),
                profile: Self.baselineProfile(x: baselineX, c: baselineC, edges: edges).encoded(), document: "{}"))
        var text = ""
        for hour in 0..<3 {
            let shifted = hour == 2
            var rows: [Row] = []
            for index in 0..<(1_000 + sampler.int(below: 200)) {
                let row = Row(
                    time: Self.start + Int64(hour) * Self.hour + Int64(index) * 2_000
                        + Int64(sampler.int(below: 1_000)),
                    x: sampler.normal(mean: shifted ? 0.8 : 0),
                    c: Self.category(&sampler, weights: shifted ? [0.2, 0.3, 0.5] : [0.5, 0.3, 0.2]),
                    prediction: sampler.uniform(), label: sampler.uniform() < 0.3)
                rows.append(row)
                text += Self.line(row) + "\n"
                if hour == 1 && index == 10 {
                    text += "not json\n{\"broken\": \n{\"model\":\"m\",\"version\":\"1\",\"features\":{\"x\":1}}\n"
                }
            }
            hours.append(rows)
        }
        let log = directory.write(text, to: "log.jsonl")
        reports = try Backfill(configuration: configuration, store: store, now: { 0 }).run(.init(inputs: [log]))
    }

    static func line(_ row: Row) -> String {
        "{\"ts\":\(row.time),\"model\":\"m\",\"version\":\"1\",\"features\":{\"x\":\(row.x),\"c\":\"\(row.c)\"},"
            + "\"prediction\":\(row.prediction),\"label\":\(row.label ? 1 : 0)}"
    }

    static func category(_ sampler: inout Sampler, weights: [Double]) -> String {
        var u = sampler.uniform()
        for (index, weight) in weights.enumerated() {
            if u < weight { return categories[index] }
            u -= weight
        }
        return categories[categories.count - 1]
    }

    static func baselineProfile(x: [Double], c: [String], edges: [Double]) -> Profile {
        var numeric = FeatureSummary(kind: .numeric, binEdges: edges)
        for value in x { numeric.insert(number: value) }
        var categorical = FeatureSummary(kind: .categorical)
        for value in c { categorical.insert(category: value) }
        var profile = Profile()
        profile.rows = UInt64(x.count)
        profile.features = ["x": numeric, "c": categorical]
        return profile
    }

    /// The PSI of `x` in `hour`, from exact decile-bin counts of the raw values.
    func expectedNumericPSI(hour: Int) -> Double {
        PopulationStability.index(
            baseline: QuantileBins.counts(of: baselineX, innerEdges: edges),
            window: QuantileBins.counts(of: hours[hour].map(\.x), innerEdges: edges))
    }

    /// The PSI of `c` in `hour`, from exact category counts of the raw values.
    func expectedCategoricalPSI(hour: Int) -> Double {
        func counts(_ values: [String]) -> [Double] {
            Self.categories.map { name in Double(values.count { $0 == name }) }
        }
        return PopulationStability.index(baseline: counts(baselineC), window: counts(hours[hour].map(\.c)))
    }
}
