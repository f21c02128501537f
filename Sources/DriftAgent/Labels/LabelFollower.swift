import DriftStore

/// Follows labels logs for the live agent (`driftwatch run --labels GLOB…` and `[labels] sources`):
/// each ``poll()`` reads what is new in every file the globs match and joins it.
///
/// Built on the backfill reader, so each file is read exactly once by its content fingerprint and
/// saved offset, across growth, renames and compression (a copy-truncated file is read again from
/// its start, which only produces `duplicate` counts: a label joins once). A last line still being
/// written is left for the next poll. Globs that match nothing yet are skipped.
public struct LabelFollower {
    let configuration: Configuration
    let store: Store
    let globs: [String]
    let now: () -> Int64

    /// Follows `globs` into `store`.
    public init(configuration: Configuration, store: Store, globs: [String], now: @escaping () -> Int64) {
        self.configuration = configuration
        self.store = store
        self.globs = globs
        self.now = now
    }

    /// Whether there is anything to follow.
    public var isEmpty: Bool { globs.isEmpty }

    /// Reads and joins what is new; returns what the labels did.
    /// - Throws: ``StoreError``, ``IngestError`` for a file that cannot be read, ``AgentError``.
    public func poll() throws -> LabelOutcome {
        var paths: [String] = []
        for glob in globs {
            do {
                paths += try PathExpansion.expand([glob])
            } catch AgentError.noMatch {
                continue
            }
        }
        guard !paths.isEmpty else { return LabelOutcome() }
        var options = Backfill.Options(inputs: [])
        options.labels = paths
        options.holdsPartialLastLine = true
        options.enforcesLabelLimits = false  // the window commits enforce them periodically
        var outcome = LabelOutcome()
        for report in try Backfill(configuration: configuration, store: store, now: now).run(options) {
            if let labels = report.labels { outcome.add(labels) }
        }
        return outcome
    }
}
