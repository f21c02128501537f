import DriftCore
import DriftStore

/// Whether learned thresholds suit a window's size (docs/STATISTICS.md, "Chunk size should match
/// the window"): a threshold learned on chunks of n rows measures the sampling noise of n rows, so
/// it is too tight for much smaller windows and too loose for much larger ones.
public enum ChunkSizeCheck {
    /// How far a window's rows may differ from the chunks' (either way) before a warning.
    public static let factor: Int64 = 2

    /// The warning for `rows` scored with `learned`, or `nil` when the sizes agree within
    /// ``factor``, nothing was learned, or the window has no rows.
    ///
    /// The chunks' size is their lower median (``DriftCore/LearnedThresholds/medianChunkRows``);
    /// a window differs when `rows > 2·chunk` or `2·rows < chunk`.
    /// - Parameter subject: what has the rows, e.g. `this window` or `this 7d horizon`.
    public static func warning(rows: Int64, learned: LearnedThresholds?, subject: String = "this window") -> String? {
        guard let chunk = chunkRows(learned), rows > 0, differs(rows: rows, chunkRows: chunk) else { return nil }
        return "threshold learned on \(grouped(chunk))-row chunks; \(subject) has \(grouped(rows)) rows: "
            + "consider --learn-chunk-rows \(rows)"
    }

    /// The warning for the stored window of `model`/`version` starting at `start` (for `explain`):
    /// `nil` when the model uses no learned thresholds, its baseline has none, the window is not
    /// stored, or its rows suit the chunks.
    /// - Throws: ``StoreError``, ``AgentError/badBaselineFile(path:reason:)`` for an unreadable
    ///   stored `learned_thresholds`.
    public static func warning(
        store: Store, configuration: Configuration, model: String, version: String, start: Int64
    ) throws -> String? {
        guard configuration.model(named: model).usesLearnedThresholds,
            let window = try store.window(model: model, version: version, start: start)
        else { return nil }
        let learned = try WindowAggregator.loadLearned(store: store, key: StreamKey(model: model, version: version))
        return warning(rows: window.rows, learned: learned)
    }

    /// The rows of the chunks behind `learned`, when it holds learned thresholds.
    public static func chunkRows(_ learned: LearnedThresholds?) -> Int64? {
        guard let learned, learned.note == nil, !learned.entries.isEmpty, learned.medianChunkRows > 0 else {
            return nil
        }
        return Int64(learned.medianChunkRows)
    }

    /// Whether `rows` differs from `chunkRows` by more than ``factor`` either way.
    public static func differs(rows: Int64, chunkRows: Int64) -> Bool {
        rows > factor * chunkRows || factor * rows < chunkRows
    }

    /// `n` with commas between thousands: `12,000`.
    public static func grouped(_ n: Int64) -> String {
        let digits = String(n.magnitude)
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return n < 0 ? "-" + text : text
    }
}
