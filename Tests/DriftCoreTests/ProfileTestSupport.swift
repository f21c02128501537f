import DriftTestSupport

/// One observation of a feature as the ingest path hands it over.
enum Observation: Equatable {
    case number(Double)
    case category(String)
    case missing
    case typeMismatch
}

extension FeatureSummary {
    /// Records `observation` through the public insert API.
    mutating func record(_ observation: Observation) {
        switch observation {
        case .number(let x): insert(number: x)
        case .category(let c): insert(category: c)
        case .missing: insertMissing()
        case .typeMismatch: insertTypeMismatch()
        }
    }

    /// The parts of a summary that merging keeps exactly (counters, extremes, bins, exact categories).
    var exactParts: ExactParts {
        ExactParts(
            kind: kind, rows: rows, missing: missing, nonFinite: nonFinite, typeMismatches: typeMismatches,
            valid: validCount, momentsCount: moments.count, min: moments.min, max: moments.max,
            sketchCount: sketch.count, sketchMin: sketch.min, sketchMax: sketch.max, bins: bins,
            categories: categories.isExact ? categories.keptCounts : nil)
    }
}

/// ``FeatureSummary/exactParts``.
struct ExactParts: Equatable {
    var kind: FeatureKind
    var rows, missing, nonFinite, typeMismatches, valid, momentsCount: UInt64
    var min, max: Double?
    var sketchCount: UInt64
    var sketchMin, sketchMax: Double?
    var bins: BinnedCounts?
    var categories: [String: UInt64]?
}

/// Seeded observation streams for the FeatureSummary and Profile tests.
enum ObservationStreams {
    /// Mostly normal numbers, with NaN, ±Inf, missing and wrong-type observations mixed in.
    static func numeric(count: Int, seed: UInt64) -> [Observation] {
        var sampler = Sampler(seed: seed)
        return (0..<count).map { _ in
            let u = sampler.uniform()
            switch u {
            case ..<0.03: return .missing
            case ..<0.05: return .number(.nan)
            case ..<0.06: return .number(sampler.uniform() < 0.5 ? .infinity : -.infinity)
            case ..<0.08: return .typeMismatch
            case ..<0.20: return .number((sampler.uniform() * 8).rounded(.down))  // duplicates
            default: return .number(sampler.normal(mean: 3, sd: 2))
            }
        }
    }

    /// Zipf-distributed categories over `ids` values, with missing and wrong-type observations.
    static func categorical(count: Int, ids: Int, seed: UInt64) -> [Observation] {
        var sampler = Sampler(seed: seed)
        let cdf = Sampler.zipfCDF(n: ids, s: 1.1)
        return (0..<count).map { _ in
            let u = sampler.uniform()
            switch u {
            case ..<0.04: return .missing
            case ..<0.06: return .typeMismatch
            default: return .category("c\(sampler.zipf(cdf: cdf))")
            }
        }
    }

    /// The summary of `observations`.
    static func summary(
        _ kind: FeatureKind, _ observations: some Sequence<Observation>, edges: [Double]? = nil,
        categoryCap: Int = CategoricalSummary.defaultCap
    ) -> FeatureSummary {
        var summary = FeatureSummary(kind: kind, binEdges: edges, categoryCap: categoryCap)
        for observation in observations { summary.record(observation) }
        return summary
    }

    /// `values` cut into three consecutive parts at seeded random points (parts may be empty).
    static func threeParts<T>(_ values: [T], seed: UInt64) -> [ArraySlice<T>] {
        var rng = SplitMix64(seed: seed)
        let cuts = [Int(rng.next() % UInt64(values.count + 1)), Int(rng.next() % UInt64(values.count + 1))].sorted()
        return [values[..<cuts[0]], values[cuts[0]..<cuts[1]], values[cuts[1]...]]
    }
}

/// Agreement of moments to a relative `tolerance` (merging re-associates floating-point sums).
func momentsAgree(_ a: Moments, _ b: Moments, tolerance: Double = 1e-12) -> Bool {
    func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= tolerance * Swift.max(1, abs(x), abs(y)) }
    return a.count == b.count && a.min == b.min && a.max == b.max && close(a.mean, b.mean)
        && close(a.variance, b.variance)
}
