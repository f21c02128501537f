/// The two kinds of feature a drift test can apply to.
public enum FeatureKind: String, Sendable, CaseIterable {
    /// A real-valued feature, summarised by a quantile sketch and exact counts in the baseline's bins.
    case numeric
    /// A feature whose values are labels, summarised by counts per category.
    case categorical
}

/// Which side of its threshold a statistic has to be on to mean drift.
public enum ScoreDirection: Sendable {
    /// Distances and indices: drift when `value >= threshold`.
    case higherMeansDrift
    /// p-values: drift when `value <= threshold`.
    case lowerMeansDrift
}

/// A named drift statistic, with its direction, default threshold and warm-up carried in the type.
///
/// The raw values are stable identifiers (config keys, JSON output) and never change.
/// What `DriftScore.value` holds for each test:
///
/// | test | value | direction |
/// | --- | --- | --- |
/// | `psi` | Population Stability Index on the baseline's bins | higher |
/// | `ks` | Kolmogorov–Smirnov D (the p-value rides along in `pValue`) | higher |
/// | `js` | Jensen–Shannon distance, base 2, in [0, 1] | higher |
/// | `hellinger` | Hellinger distance in [0, 1] | higher |
/// | `wasserstein` | Wasserstein-1 divided by the baseline's standard deviation | higher |
/// | `chi2` | the p-value of the χ² test on the lumped 2×K table | lower |
/// | `linf` | L∞ distance between the share vectors | higher |
/// | `missingRate` | absolute change of the missing share | higher |
/// | `outOfRange` | share of window values outside the baseline's [min, max] | higher |
/// | `unseenShare` | share of window mass in categories absent from the baseline | higher |
public enum DriftTest: String, Sendable, CaseIterable {
    case psi
    case ks
    case js
    case hellinger
    case wasserstein
    case chi2 = "chi2_p"
    case linf
    case missingRate = "missing_rate"
    case outOfRange = "out_of_range"
    case unseenShare = "unseen_share"

    /// Which side of the threshold means drift.
    public var direction: ScoreDirection {
        switch self {
        case .chi2: .lowerMeansDrift
        default: .higherMeansDrift
        }
    }

    /// The threshold used when the configuration names none; `thresholdSource` says where it comes from.
    public var defaultThreshold: Double {
        switch self {
        case .psi: 0.1
        case .ks: 0.1
        case .js: 0.1
        case .hellinger: 0.1
        case .wasserstein: 0.1
        case .chi2: 0.05
        case .linf: 0.1
        case .missingRate: 0.05
        case .outOfRange: 0.01
        case .unseenShare: 0.05
        }
    }

    /// Where `defaultThreshold` comes from: a paper, an industry convention, or our own measurement.
    public var thresholdSource: String {
        switch self {
        case .psi:
            "industry convention (0.1 = investigate, 0.25 = act; Siddiqi 2006, credit scoring); the issue's "
                + "measurement on baseline deciles: drifted columns scored 0.20-0.25, stable ones <= 0.004"
        case .ks:
            "convention: D = 0.1 is the 5% critical value 1.36/sqrt(en) at en ~ 185; we threshold D itself "
                + "because p-values on 100k-row windows flag stable columns (issue measurement)"
        case .js:
            "Evidently's default for Jensen-Shannon distance (0.1); not yet measured by us"
        case .hellinger:
            "Evidently's default for Hellinger distance (0.1); not yet measured by us"
        case .wasserstein:
            "Evidently's default for Wasserstein distance normed by the baseline's std (0.1); not yet measured by us"
        case .chi2:
            "conventional significance level alpha = 0.05 (Pearson 1900); not the default primary statistic: "
                + "p-values on 100k-row windows flag stable columns (issue measurement)"
        case .linf:
            "our choice (TFDV uses L-infinity with user-set thresholds); not yet measured"
        case .missingRate:
            "our convention: a 5-point change of the missing share; not yet measured"
        case .outOfRange:
            "our convention: 1% of the window outside the baseline's range; a stable continuous column "
                + "puts about 2/(n+1) of it there"
        case .unseenShare:
            "our convention: 5% of the window in categories the baseline never saw; not yet measured"
        }
    }

    /// The feature kinds this test applies to.
    public var kinds: Set<FeatureKind> {
        switch self {
        case .ks, .wasserstein, .outOfRange: [.numeric]
        case .chi2, .unseenShare: [.categorical]
        case .psi, .js, .hellinger, .linf, .missingRate: [.numeric, .categorical]
        }
    }

    /// Rows needed in the window, and in the baseline, before this test gives a verdict.
    ///
    /// 100 rows put about 10 rows in each decile bin; below that binned statistics are mostly noise.
    public var minimumCount: Int {
        switch self {
        default: 100
        }
    }

    /// A human-readable name for reports.
    public var displayName: String {
        switch self {
        case .psi: "Population Stability Index"
        case .ks: "Kolmogorov-Smirnov D"
        case .js: "Jensen-Shannon distance"
        case .hellinger: "Hellinger distance"
        case .wasserstein: "Wasserstein-1 / baseline std"
        case .chi2: "Chi-square p-value"
        case .linf: "L-infinity distance"
        case .missingRate: "Missing-rate change"
        case .outOfRange: "Out-of-range share"
        case .unseenShare: "Unseen-category share"
        }
    }
}
