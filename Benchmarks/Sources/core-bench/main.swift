// core-bench: DriftCore's hot-path costs, measured with ContinuousClock; no benchmark framework.
//
// Every timing is the fastest of `repetitions` runs over pre-generated inputs (inputs are built
// outside the timed region), divided by the operations per run. Inputs are seeded: SplitMix64
// with Box–Muller normals and inverse-CDF Zipf ids, as in DriftTestSupport's Sampler.

import DriftCore

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps `value` alive so the optimiser cannot drop the work that produced it: an unoptimised,
/// never-inlined call is opaque to the caller, which must therefore compute its argument.
@inline(never)
@_optimize(none)
func consume<T>(_ value: T) {}

struct Inputs {
    var rng: SplitMix64

    mutating func uniform() -> Double { Double(rng.next() >> 11) * 0x1.0p-53 }

    mutating func normal(mean: Double = 0) -> Double {
        let u1 = (Double(rng.next() >> 11) + 0.5) * 0x1.0p-53
        return mean + (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * uniform())
    }

    mutating func normals(_ count: Int, mean: Double = 0) -> [Double] { (0..<count).map { _ in normal(mean: mean) } }

    /// Zipf(s) draws over `names`, by inversion of the CDF.
    mutating func zipf(_ count: Int, names: [String], s: Double = 1.1) -> [String] {
        var cdf = (1...names.count).map { 1 / pow(Double($0), s) }
        let total = cdf.reduce(0, +)
        var running = 0.0
        for i in cdf.indices {
            running += cdf[i] / total
            cdf[i] = running
        }
        return (0..<count).map { _ in
            let u = uniform()
            var lo = 0
            var hi = cdf.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cdf[mid] < u { lo = mid + 1 } else { hi = mid }
            }
            return names[lo]
        }
    }
}

let clock = ContinuousClock()
let repetitions = 5

/// The fastest of `repetitions` runs of `body`, in nanoseconds per operation.
func nanosecondsPerOperation(operations: Int, _ body: () -> Void) -> Double {
    var best = Duration.seconds(1_000_000)
    for _ in 0..<repetitions {
        let elapsed = clock.measure(body)
        if elapsed < best { best = elapsed }
    }
    let (seconds, attoseconds) = best.components
    return (Double(seconds) * 1e9 + Double(attoseconds) * 1e-9) / Double(operations)
}

func report(_ label: String, _ value: Double, _ unit: String) {
    let rounded = (value * 100).rounded() / 100
    print(label + String(repeating: " ", count: max(1, 64 - label.count)) + "\(rounded) \(unit)")
}

let rows = 1_000_000
var inputs = Inputs(rng: SplitMix64(seed: 42))
let values = inputs.normals(rows)
var sortedSample = Array(values.prefix(100_000))
sortedSample.sort()
let decileEdges = QuantileBins.innerEdges(fromSortedBaseline: sortedSample)
let names = (1...20_000).map { "id-\($0)" }
let ids = inputs.zipf(rows, names: names)

print("DriftCore micro-benchmarks (\(rows) values per run, fastest of \(repetitions) runs)")
report(
    "KLLSketch.insert, k = 200, normal values",
    nanosecondsPerOperation(operations: rows) {
        var sketch = KLLSketch(k: 200)
        for x in values { sketch.insert(x) }
        consume(sketch)
    }, "ns/value")
report(
    "Moments.insert",
    nanosecondsPerOperation(operations: rows) {
        var moments = Moments()
        for x in values { moments.insert(x) }
        consume(moments)
    }, "ns/value")
report(
    "BinnedCounts.insert, 10 bins",
    nanosecondsPerOperation(operations: rows) {
        var bins = BinnedCounts(edges: decileEdges)
        for x in values { bins.insert(x) }
        consume(bins)
    }, "ns/value")
report(
    "CategoricalSummary.insert, Zipf(1.1) over 20k ids, cap 1000",
    nanosecondsPerOperation(operations: rows) {
        var summary = CategoricalSummary()
        for id in ids { summary.insert(id) }
        consume(summary)
    }, "ns/value")
report(
    "FeatureSummary.insert(number:) with 10 bins",
    nanosecondsPerOperation(operations: rows) {
        var summary = FeatureSummary(kind: .numeric, binEdges: decileEdges)
        for x in values { summary.insert(number: x) }
        consume(summary)
    }, "ns/value")
report(
    "FeatureSummary.insert(numbers:), 128 at a time, with 10 bins",
    nanosecondsPerOperation(operations: rows) {
        var summary = FeatureSummary(kind: .numeric, binEdges: decileEdges)
        values.withUnsafeBufferPointer { all in
            var start = 0
            while start < all.count {
                let end = min(start + 128, all.count)  // the fold's column depth
                summary.insert(numbers: UnsafeBufferPointer(rebasing: all[start..<end]))
                start = end
            }
        }
        consume(summary)
    }, "ns/value")

var numeric = FeatureSummary(kind: .numeric, binEdges: decileEdges)
for x in values { numeric.insert(number: x) }
var categorical = FeatureSummary(kind: .categorical)
for id in ids { categorical.insert(category: id) }
report("encoded numeric FeatureSummary after 1M rows", Double(numeric.encoded().count), "bytes")
report("encoded categorical FeatureSummary after 1M rows", Double(categorical.encoded().count), "bytes")

// One window of 25 features (20 numeric, 5 categorical): 100k baseline rows, 100k window rows each.
let featureRows = 100_000
var baselines: [FeatureSummary] = []
var windows: [FeatureSummary] = []
for feature in 0..<25 {
    if feature < 20 {
        let baselineValues = inputs.normals(featureRows)
        let edges = QuantileBins.innerEdges(fromSortedBaseline: baselineValues.sorted())
        var baseline = FeatureSummary(kind: .numeric, binEdges: edges)
        var window = FeatureSummary(kind: .numeric, binEdges: edges)
        for x in baselineValues { baseline.insert(number: x) }
        for x in inputs.normals(featureRows, mean: Double(feature) * 0.01) { window.insert(number: x) }
        baselines.append(baseline)
        windows.append(window)
    } else {
        var baseline = FeatureSummary(kind: .categorical)
        var window = FeatureSummary(kind: .categorical)
        for id in inputs.zipf(featureRows, names: names) { baseline.insert(category: id) }
        for id in inputs.zipf(featureRows, names: names) { window.insert(category: id) }
        baselines.append(baseline)
        windows.append(window)
    }
}
/// Milliseconds to compare the features in `range` once (fastest of the runs).
func compareMilliseconds(
    _ range: Range<Int>, windows: [FeatureSummary], baselines: [FeatureSummary]
) -> Double {
    nanosecondsPerOperation(operations: 1) {
        var comparisons: [FeatureComparison] = []
        comparisons.reserveCapacity(range.count)
        for i in range {
            if let comparison = FeatureComparison.compare(window: windows[i], baseline: baselines[i]) {
                comparisons.append(comparison)
            }
        }
        consume(comparisons)
    } / 1e6
}
report(
    "compare one window of 25 features (20 numeric, 5 categorical)",
    compareMilliseconds(0..<25, windows: windows, baselines: baselines), "ms")
report("  of which the 20 numeric features", compareMilliseconds(0..<20, windows: windows, baselines: baselines), "ms")
report(
    "  of which the 5 categorical features", compareMilliseconds(20..<25, windows: windows, baselines: baselines), "ms")
for d in [0.005, 0.02, 0.08] {
    report(
        "  KolmogorovSmirnov.pValue, n = m = 100k, D = \(d)",
        nanosecondsPerOperation(operations: 1) { consume(KolmogorovSmirnov.pValue(d: d, n: 100_000, m: 100_000)) }
            / 1e6,
        "ms")
}
