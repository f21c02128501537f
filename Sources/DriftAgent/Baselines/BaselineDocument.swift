import DriftCore
import DriftIngest

/// The `Baselines/MODEL.json` file: a readable summary of a baseline plus its exact binary profile.
///
/// People read the summary (counts, quantiles, bin edges and counts, category frequencies,
/// performance); `driftwatch baseline import` reads only `model`, `version`, `created_ms`,
/// `source`, `profile` (base64 of the v1 profile encoding) and `sha256`, which must match the
/// profile's bytes — so a damaged or hand-edited profile is refused, never half-used — and the
/// optional `learned_thresholds` (absent from older files, and not covered by `sha256`: it is
/// derived from the profile's data, and an operator may edit it).
public enum BaselineDocument {
    /// The value of the `format` key.
    public static let format = "driftwatch-baseline"
    /// The document version this build writes and reads.
    public static let formatVersion = 1

    /// The JSON text of `baseline`, deterministic for equal baselines.
    public static func render(_ baseline: Baseline) -> String {
        var json = JSONWriter(pretty: true)
        let profile = baseline.profile
        json.object { json in
            json.member("format", format)
            json.member("format_version", formatVersion)
            json.member("model", baseline.model)
            json.member("version", baseline.version)
            json.member("created", timestamp: baseline.createdMs)
            json.member("created_ms", baseline.createdMs)
            json.member("source", baseline.source)
            json.member("rows", profile.rows)
            json.array("features") { json in
                for name in profile.featureNames {
                    guard let summary = profile.features[name] else { continue }
                    writeSummary(summary, name: name, into: &json)
                }
            }
            json.member("prediction", profile.prediction) { writeSummary($0, name: "prediction", into: &$1) }
            json.member("label", profile.label) { writeSummary($0, name: "label", into: &$1) }
            json.member("performance", profile.binary.flatMap { $0.count > 0 ? $0 : nil }, writePerformance)
            writeLearned(baseline.learned, fromWindows: baseline.source.hasPrefix("windows:"), into: &json)
            json.member("sha256", baseline.sha256)
            json.member("profile", Base64.encode(profile.encoded()))
        }
        return json.text + "\n"
    }

    private static func writeSummary(_ summary: FeatureSummary, name: String, into json: inout JSONWriter) {
        json.object { json in
            json.member("name", name)
            json.member("kind", summary.kind.rawValue)
            json.member("rows", summary.rows)
            json.member("missing", summary.missing)
            json.member("non_finite", summary.nonFinite)
            json.member("type_mismatches", summary.typeMismatches)
            switch summary.kind {
            case .numeric: writeNumeric(summary, into: &json)
            case .categorical: writeCategorical(summary.categories, into: &json)
            }
        }
    }

    private static func writeNumeric(_ summary: FeatureSummary, into json: inout JSONWriter) {
        json.member("count", summary.moments.count)
        json.member("mean", summary.moments.count > 0 ? summary.moments.mean : nil)
        json.member("std", summary.moments.count > 0 ? summary.moments.standardDeviation : nil)
        json.member("min", summary.moments.min)
        json.member("max", summary.moments.max)
        json.object("quantiles") { json in
            for q in [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99] {
                json.member(JSONWriter.format(q), summary.sketch.quantile(at: q))
            }
        }
        json.member("bin_edges", summary.bins?.edges ?? [])
        json.member("bin_counts", summary.bins?.counts ?? [])
    }

    private static func writeCategorical(_ categories: CategoricalSummary, into json: inout JSONWriter) {
        json.member("count", categories.count)
        json.member("exact", categories.isExact)
        json.member("distinct", categories.distinctEstimate.rounded())
        let total = Double(max(categories.count, 1))
        json.object("frequencies") { json in
            for entry in categories.topValues.prefix(100) {
                json.member(entry.value, Double(entry.count) / total)
            }
        }
        let shown = categories.topValues.prefix(100).reduce(UInt64(0)) { $0 + $1.count }
        json.member("other_share", Double(categories.count - min(shown, categories.count)) / total)
    }

    /// Writes the `performance` object of a baseline with labelled rows.
    private static func writePerformance(_ binary: BinaryClassificationAccumulator, into json: inout JSONWriter) {
        json.object { json in
            json.member("labeled_rows", binary.count)
            for (key, value) in [
                ("accuracy", binary.accuracy), ("precision", binary.precision), ("recall", binary.recall),
                ("f1", binary.f1), ("auc", binary.auc), ("log_loss", binary.logLoss), ("brier", binary.brier),
            ] {
                json.member(key, value)
            }
        }
    }

    /// Reads a baseline document.
    /// - Throws: ``AgentError/badBaselineFile(path:reason:)`` saying what is wrong.
    public static func parse(_ bytes: [UInt8], path: String) throws -> Baseline {
        let names = ["format", "format_version", "model", "version", "created_ms", "source", "sha256", "profile"]
        let scanner = JSONScanner(fields: names.compactMap { FieldPath($0) })
        var fields = scanner.makeFields()
        return try bytes.withUnsafeBytes { line throws -> Baseline in
            if case .bad(let reason) = scanner.scan(line, into: &fields) {
                throw AgentError.badBaselineFile(path: path, reason: "not valid JSON: \(reason)")
            }
            func string(_ index: Int) throws -> String {
                guard case .string(let ref) = fields.values[index] else {
                    throw AgentError.badBaselineFile(path: path, reason: "expected a string at key '\(names[index])'")
                }
                return ref.string(in: line)
            }
            func number(_ index: Int) throws -> Double {
                guard case .number(let value) = fields.values[index] else {
                    throw AgentError.badBaselineFile(path: path, reason: "expected a number at key '\(names[index])'")
                }
                return value
            }
            guard try string(0) == format else {
                throw AgentError.badBaselineFile(path: path, reason: "expected format \"\(format)\"")
            }
            let version = try number(1)
            guard version == Double(formatVersion) else {
                throw AgentError.badBaselineFile(
                    path: path,
                    reason: "format_version \(JSONWriter.format(version)) is not supported (this driftwatch reads 1)")
            }
            guard let blob = Base64.decode(try string(7)) else {
                throw AgentError.badBaselineFile(path: path, reason: "'profile' is not valid base64")
            }
            let sha = try string(6)
            guard SHA256.hexDigest(of: blob) == sha else {
                throw AgentError.badBaselineFile(
                    path: path, reason: "'profile' does not match its sha256 \(sha): the file is damaged or was edited")
            }
            let profile: Profile
            do {
                profile = try Profile(decoding: blob)
            } catch {
                throw AgentError.badBaselineFile(path: path, reason: "the profile is unreadable: \(error)")
            }
            let created = try number(4)
            // Int64(_:) traps on a fraction-free but huge or non-integral value: refuse it instead.
            guard let createdMs = Int64(exactly: created), createdMs.magnitude <= Timestamp.limit.magnitude else {
                throw AgentError.badBaselineFile(
                    path: path,
                    reason: "'created_ms' must be whole epoch milliseconds within ±\(Timestamp.limit), "
                        + "found \(JSONWriter.format(created))")
            }
            return Baseline(
                model: try string(2), version: try string(3), createdMs: createdMs, source: try string(5),
                profile: profile, learned: try parseLearned(bytes, path: path))
        }
    }
}
