import DriftTestSupport
import Testing

/// Every statistic against numpy/scipy values from `Fixtures/reference/stats/make_stats_reference.py`.
struct ScoresReferenceTests {
    private func fixture() throws -> ReferenceJSON {
        try #require(ScoresReferenceFixture.shared, "stats_reference.json missing or unreadable")
    }

    /// The input samples as ascending weighted values (weights 1 unless the case has weights).
    private func views(_ c: ReferenceJSON) -> (baseline: [WeightedValue], window: [WeightedValue]) {
        func view(_ key: String) -> [WeightedValue] {
            let values = c[key].doubles
            let weights = c[key + "_weights"].doubles
            let pairs = values.indices.map {
                WeightedValue(value: values[$0], weight: weights.isEmpty ? 1 : UInt64(weights[$0]))
            }
            return pairs.sorted { $0.value < $1.value }
        }
        return (view("baseline"), view("window"))
    }

    @Test func decileEdgesAndBinCountsMatchNumpy() throws {
        let cases = try fixture()["numeric"].array
        #expect(cases.count == 7)
        for c in cases {
            let name = c["name"].string
            let expected = c["expected"]
            let (baseline, window) = views(c)
            let sortedBaseline = ScoresOracles.expanded(baseline)
            let deciles = QuantileBins.deciles.map { QuantileBins.quantile(ofSorted: sortedBaseline, at: $0) }
            #expect(deciles == expected["deciles"].doubles, "\(name): np.quantile bit for bit")
            let edges = QuantileBins.innerEdges(fromSortedBaseline: sortedBaseline)
            #expect(edges == expected["inner_edges"].doubles, "\(name)")
            #expect(QuantileBins.innerEdges(fromQuantiles: deciles.reversed()) == edges, "\(name)")
            let baselineCounts = QuantileBins.counts(of: sortedBaseline, innerEdges: edges)
            let windowCounts = QuantileBins.counts(of: ScoresOracles.expanded(window), innerEdges: edges)
            #expect(baselineCounts == expected["baseline_bin_counts"].doubles, "\(name)")
            #expect(windowCounts == expected["window_bin_counts"].doubles, "\(name)")
        }
    }

    @Test func binnedDistancesMatchScipy() throws {
        for c in try fixture()["numeric"].array + fixture()["categorical"].array {
            let name = c["name"].string
            let expected = c["expected"]
            let b: [Double]
            let w: [Double]
            if !expected["baseline_bin_counts"].isNull {
                (b, w) = (expected["baseline_bin_counts"].doubles, expected["window_bin_counts"].doubles)
            } else {
                (b, w) = (c["baseline"].doubles, c["window"].doubles)
            }
            let psi = PopulationStability.index(baseline: b, window: w)
            #expect(agrees(psi, expected["psi"].double), "\(name): PSI \(psi) vs \(expected["psi"].double)")
            let js = JensenShannon.distance(baseline: b, window: w)
            #expect(agrees(js, expected["js"].double), "\(name): JS \(js) vs \(expected["js"].double)")
            let h = Hellinger.distance(baseline: b, window: w)
            #expect(agrees(h, expected["hellinger"].double), "\(name): Hellinger \(h)")
            #expect(agrees(LInfinity.distance(baseline: b, window: w), expected["linf"].double), "\(name)")
        }
    }

    @Test func kolmogorovSmirnovMatchesKs2sampAsymp() throws {
        for c in try fixture()["numeric"].array {
            let name = c["name"].string
            let expected = c["expected"]
            let (baseline, window) = views(c)
            let d = KolmogorovSmirnov.statistic(baseline: baseline, window: window)
            #expect(d == expected["ks_d"].double, "\(name): D \(d) vs \(expected["ks_d"].double)")
            let n = Int(baseline.reduce(0) { $0 + $1.weight })
            let m = Int(window.reduce(0) { $0 + $1.weight })
            let p = KolmogorovSmirnov.pValue(d: d, n: n, m: m)
            #expect(agrees(p, expected["ks_p"].double), "\(name): p \(p) vs \(expected["ks_p"].double)")
        }
    }

    @Test func kolmogorovPValueGridMatchesKstwoOnEveryBranch() throws {
        let grid = try fixture()["ks_pvalues"].array
        #expect(grid.count == 112)
        for row in grid {
            let (d, n, m) = (row["d"].double, row["n"].int, row["m"].int)
            let p = KolmogorovSmirnov.pValue(d: d, n: n, m: m)
            #expect(agrees(p, row["p"].double), "d \(d) n \(n) m \(m): \(p) vs \(row["p"].double)")
        }
    }

    @Test func wassersteinMatchesScipy() throws {
        for c in try fixture()["numeric"].array {
            let name = c["name"].string
            let expected = c["expected"]
            let (baseline, window) = views(c)
            let w = Wasserstein.distance(baseline: baseline, window: window)
            #expect(agrees(w, expected["wasserstein"].double), "\(name): W \(w) vs \(expected["wasserstein"].double)")
            let sd = Wasserstein.standardDeviation(of: baseline)
            #expect(agrees(sd, expected["baseline_sd"].double), "\(name): sd \(sd)")
            let normalized = Wasserstein.normalized(distance: w, baselineStandardDeviation: sd)
            #expect(agrees(normalized, expected["wasserstein_normalized"].double), "\(name)")
        }
    }

    @Test func outOfRangeShareMatchesNumpy() throws {
        for c in try fixture()["numeric"].array {
            let expected = c["expected"]
            let (baseline, window) = views(c)
            let low = try #require(baseline.first?.value)
            let high = try #require(baseline.last?.value)
            let values = ScoresOracles.expanded(window)
            let outside = Double(values.filter { $0 < low || $0 > high }.count)
            let share = DataQuality.outOfRangeShare(outside: outside, total: Double(values.count))
            #expect(agrees(share, expected["out_of_range_share"].double), "\(c["name"].string)")
        }
    }

    @Test func lumpingAndChiSquareMatchScipyContingency() throws {
        let cases = try fixture()["categorical"].array
        #expect(cases.count == 5)
        for c in cases {
            let name = c["name"].string
            let expected = c["expected"]
            let (b, w) = (c["baseline"].doubles, c["window"].doubles)
            #expect(agrees(DataQuality.unseenShare(baseline: b, window: w), expected["unseen_share"].double), "\(name)")
            let table = CategoryLumping.lump(baseline: b, window: w)
            let lumped = expected["lumped"]
            guard !lumped.isNull else {
                #expect(table == nil, "\(name): expected insufficient data")
                #expect(ChiSquare.lumpedTest(baseline: b, window: w) == nil, "\(name)")
                continue
            }
            let got = try #require(table, "\(name)")
            #expect(got.baseline == lumped["baseline"].doubles, "\(name)")
            #expect(got.window == lumped["window"].doubles, "\(name)")
            let members = lumped["members"].array.map { $0.array.map(\.int) }
            #expect(got.members == members, "\(name)")
            let chi2 = lumped["chi2"]
            let result = try #require(ChiSquare.lumpedTest(baseline: b, window: w))
            #expect(agrees(result.statistic, chi2["statistic"].double), "\(name): χ² \(result.statistic)")
            #expect(result.degreesOfFreedom == chi2["dof"].int, "\(name)")
            #expect(agrees(result.pValue, chi2["p"].double), "\(name): p \(result.pValue) vs \(chi2["p"].double)")
        }
    }

    @Test func chiSquareSurvivalMatchesScipy() throws {
        let grid = try fixture()["chi2_sf"].array
        #expect(grid.count == 48)
        for row in grid {
            let (x, dof) = (row["x"].double, row["dof"].int)
            let sf = SpecialFunctions.chiSquareSurvival(x, degreesOfFreedom: dof)
            #expect(agrees(sf, row["sf"].double), "x \(x) dof \(dof): \(sf) vs \(row["sf"].double)")
        }
    }

    @Test func kolmogorovLimitSurvivalMatchesKstwobign() throws {
        for row in try fixture()["kstwobign_sf"].array {
            let sf = SpecialFunctions.kolmogorovLimitSurvival(row["z"].double)
            #expect(agrees(sf, row["sf"].double), "z \(row["z"].double): \(sf) vs \(row["sf"].double)")
        }
    }
}
