import DriftCore
import DriftIngest
import DriftStore

extension BaselineBuilder {
    /// Merges the stored windows of `model` in `[since, until)` into a baseline and learns its
    /// thresholds with each window as one chunk (docs/STATISTICS.md, "Learned thresholds").
    ///
    /// Numeric bins stay exact when every window was binned with the same edges; otherwise the
    /// baseline keeps no bins and scores derive its decile edges from its sketch. Every window is
    /// part of the merged profile; those with at least `learning.minimumChunkRows` rows are also
    /// chunks, each compared with the whole merged profile; fewer than
    /// ``DriftCore/LearnedThresholds/minimumChunks`` chunks learn nothing (the note says why), and
    /// `learning.chunks == 0` turns learning off (the count and `chunkRows` do not apply: a window
    /// is a chunk).
    /// - Throws: ``AgentError/noRows(model:detail:)`` when the range holds no window.
    public static func build(
        store: Store, model: String, version: String?, since: Int64, until: Int64, createdMs: Int64,
        learning: Learning = Learning()
    ) throws -> Result {
        let windows = try store.windows(model: model, since: since, until: until).filter {
            version == nil || $0.key.version == version
        }
        var merged = Profile()
        for window in windows {
            try merged.merge(try window.profileWithLabels())  // delayed labels included: they calibrate estimates
        }
        guard !windows.isEmpty, merged.rows > 0 else {
            throw AgentError.noRows(model: model, detail: "no stored window in the range")
        }
        let source =
            "windows: \(Timestamp.format(milliseconds: since))..\(Timestamp.format(milliseconds: until)) "
            + "(\(windows.count))"
        let baseline = Baseline(
            model: model, version: version ?? "", createdMs: createdMs, source: source, profile: merged,
            learned: learning.chunks == 0 ? nil : try learned(merged, windows: windows, learning: learning))
        return Result(baseline: baseline, lines: Int64(merged.rows), badLines: [:], exactEdges: false)
    }

    /// Thresholds learned from `windows` (each with enough rows one chunk) against `merged`, or a
    /// note saying why none were. Windows are decoded again one at a time: none is held.
    private static func learned(_ merged: Profile, windows: [StoredWindow], learning: Learning) throws
        -> LearnedThresholds
    {
        let minimumRows = Int64(max(learning.minimumChunkRows, 1))
        let usable = windows.filter { $0.rows >= minimumRows }
        let minimum = LearnedThresholds.minimumChunks
        guard usable.count >= minimum else {
            return LearnedThresholds(
                chunks: 0, chunkRows: 0, sigmas: learning.sigmas,
                note: "nothing learned: \(usable.count) of the \(windows.count) window(s) have at least "
                    + "\(learning.minimumChunkRows) rows (at least \(minimum) such windows are needed)")
        }
        var learner = LearnedThresholds.Learner(baseline: Learning.named(merged), sigmas: learning.sigmas)
        for window in usable {
            let profile = try window.profileWithLabels()
            learner.add((rows: profile.rows, features: Learning.named(profile)))
        }
        return learner.finish()
    }
}
