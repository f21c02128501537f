import DriftCore
import DriftStore

/// A model version's reference profile: what "no drift" looks like.
public struct Baseline: Sendable, Equatable {
    /// The model it belongs to.
    public var model: String
    /// The model version (`""` when the data has none).
    public var version: String
    /// When it was created, epoch milliseconds UTC.
    public var createdMs: Int64
    /// What it was built from, e.g. `files: Fixtures/demo/train.jsonl` or `windows: 2026-11-01T00:00:00Z..…`.
    public var source: String
    /// The profile, with bin edges for every numeric feature.
    public var profile: Profile
    /// Thresholds learned from the baseline's chunks (`nil`: none were learned, e.g. an older file).
    public var learned: LearnedThresholds?

    /// Creates a baseline.
    public init(
        model: String, version: String, createdMs: Int64, source: String, profile: Profile,
        learned: LearnedThresholds? = nil
    ) {
        self.model = model
        self.version = version
        self.createdMs = createdMs
        self.source = source
        self.profile = profile
        self.learned = learned
    }

    /// The SHA-256 of the profile's v1 encoding: the baseline's content hash.
    public var sha256: String { SHA256.hexDigest(of: profile.encoded()) }

    /// The store's row for this baseline (with its JSON document).
    public var stored: StoredBaseline {
        StoredBaseline(
            model: model, version: version, createdMs: createdMs, source: source, sha256: sha256,
            profile: profile.encoded(), document: BaselineDocument.render(self))
    }

    /// Reads a stored baseline back (its learned thresholds from its stored document).
    /// - Throws: ``AgentError/corruptBaseline(model:version:reason:)``,
    ///   ``AgentError/badBaselineFile(path:reason:)`` for an unreadable `learned_thresholds`.
    public init(stored: StoredBaseline) throws {
        do {
            profile = try Profile(decoding: stored.profile)
        } catch {
            throw AgentError.corruptBaseline(model: stored.model, version: stored.version, reason: error)
        }
        model = stored.model
        version = stored.version
        createdMs = stored.createdMs
        source = stored.source
        learned = try BaselineDocument.parseLearned(
            Array(stored.document.utf8), path: "the stored baseline of '\(stored.model)' \(stored.version)")
    }
}
