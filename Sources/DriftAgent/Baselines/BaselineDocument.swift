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
            json.key("format")
            json.value(format)
            json.key("format_version")
            json.value(formatVersion)
            json.key("model")
            json.value(baseline.model)
            json.key("version")
            json.value(baseline.version)
            json.key("created")
            json.value(Timestamp.format(milliseconds: baseline.createdMs))
            json.key("created_ms")
            json.value(baseline.createdMs)
            json.key("source")
            json.value(baseline.source)
            json.key("rows")
            json.value(profile.rows)
            json.key("features")
            json.array { json in
                for name in profile.featureNames {
                    guard let summary = profile.features[name] else { continue }
                    writeSummary(summary, name: name, into: &json)
                }
            }
            json.key("prediction")
            if let prediction = profile.prediction {
                writeSummary(prediction, name: "prediction", into: &json)
            } else {
                json.null()
            }
            json.key("label")
            if let label = profile.label { writeSummary(label, name: "label", into: &json) } else { json.null() }
            json.key("performance")
            writePerformance(profile.binary, into: &json)
            writeLearned(baseline.learned, fromWindows: baseline.source.hasPrefix("windows:"), into: &json)
            json.key("sha256")
            json.value(baseline.sha256)
            json.key("profile")
            json.value(Base64.encode(profile.encoded()))
        }
        return json.text + "\n"
    }

    private static func writeSummary(_ summary: FeatureSummary, name: String, into json: inout JSONWriter) {
        json.object { json in
            json.key("name")
            json.value(name)
            json.key("kind")
            json.value(summary.kind.rawValue)
            json.key("rows")
            json.value(summary.rows)
            json.key("missing")
            json.value(summary.missing)
            json.key("non_finite")
            json.value(summary.nonFinite)
            json.key("type_mismatches")
            json.value(summary.typeMismatches)
            switch summary.kind {
            case .numeric: writeNumeric(summary, into: &json)
            case .categorical: writeCategorical(summary.categories, into: &json)
            }
        }
    }

    private static func writeNumeric(_ summary: FeatureSummary, into json: inout JSONWriter) {
        json.key("count")
        json.value(summary.moments.count)
        json.key("mean")
        json.value(summary.moments.count > 0 ? summary.moments.mean : nil)
        json.key("std")
        json.value(summary.moments.count > 0 ? summary.moments.standardDeviation : nil)
        json.key("min")
        json.value(summary.moments.min)
        json.key("max")
        json.value(summary.moments.max)
        json.key("quantiles")
        json.object { json in
            for q in [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99] {
                json.key(JSONWriter.format(q))
                json.value(summary.sketch.quantile(at: q))
            }
        }
        json.key("bin_edges")
        json.array { json in for edge in summary.bins?.edges ?? [] { json.value(edge) } }
        json.key("bin_counts")
        json.array { json in for count in summary.bins?.counts ?? [] { json.value(count) } }
    }

    private static func writeCategorical(_ categories: CategoricalSummary, into json: inout JSONWriter) {
        json.key("count")
        json.value(categories.count)
        json.key("exact")
        json.value(categories.isExact)
        json.key("distinct")
        json.value(categories.distinctEstimate.rounded())
        json.key("frequencies")
        let total = Double(max(categories.count, 1))
        json.object { json in
            for entry in categories.topValues.prefix(100) {
                json.key(entry.value)
                json.value(Double(entry.count) / total)
            }
        }
        json.key("other_share")
        let shown = categories.topValues.prefix(100).reduce(UInt64(0)) { $0 + $1.count }
        json.value(Double(categories.count - min(shown, categories.count)) / total)
    }

    private static func writePerformance(_ binary: BinaryClassificationAccumulator?, into json: inout JSONWriter) {
        guard let binary, binary.count > 0 else {
            json.null()
            return
        }
        json.object { json in
            json.key("labeled_rows")
            json.value(binary.count)
            for (key, value) in [
                ("accuracy", binary.accuracy), ("precision", binary.precision), ("recall", binary.recall),
                ("f1", binary.f1), ("auc", binary.auc), ("log_loss", binary.logLoss), ("brier", binary.brier),
            ] {
                json.key(key)
                json.value(value)
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
