import DriftStore

/// Checks that the stored line counters agree with each other — "no line lost or counted twice"
/// as far as the store alone can tell.
///
/// Invariants (every ingest path, backfill and live tailing through rotations and restarts,
/// keeps them; a break names the path that lost or duplicated lines):
/// - per source file: `bad_lines` equals the sum of its per-reason counts, and
///   `0 ≤ bad_lines ≤ lines` (the good lines are `lines − bad_lines`);
/// - over all files: the totals `driftwatch status` shows (lines, bad lines) equal the sums over
///   the files, and the per-reason totals add up to the bad-line total.
public enum CounterCheck {
    /// The store's line counters, once they were found to agree.
    public struct Totals: Sendable, Equatable {
        /// Source files checked.
        public var files: Int
        /// Lines read over all files.
        public var lines: Int64
        /// Unusable lines over all files.
        public var badLines: Int64

        /// Creates totals.
        public init(files: Int, lines: Int64, badLines: Int64) {
            self.files = files
            self.lines = lines
            self.badLines = badLines
        }
    }

    /// Every disagreement between the stored counters, one precise line each (file, both numbers),
    /// files in path order first, then the global ones; empty when they all agree.
    /// - Complexity: O(sources × reasons).
    public static func problems(store: Store) throws -> [String] {
        let tallies = try store.ingestFileTallies()
        var problems: [String] = []
        for tally in tallies where !tally.isConsistent {
            let file = "\(tally.path) (fingerprint \(tally.fingerprint))"
            if tally.badLines != tally.badLinesByReason {
                problems.append(
                    "\(file): bad_lines is \(tally.badLines) but its per-reason counts add up to \(tally.badLinesByReason)"
                )
            }
            if tally.badLines < 0 || tally.badLines > tally.lines {
                problems.append("\(file): bad_lines \(tally.badLines) is outside 0…\(tally.lines) (the lines read)")
            }
        }
        let status = try store.counters()
        let lines = tallies.reduce(0) { $0 + $1.lines }
        let bad = tallies.reduce(0) { $0 + $1.badLines }
        let byReason = status.badLinesByReason.reduce(0) { $0 + $1.count }
        if status.totalLines != lines {
            problems.append("status shows \(status.totalLines) lines but the source files add up to \(lines)")
        }
        if status.badLines != bad {
            problems.append("status shows \(status.badLines) bad lines but the source files add up to \(bad)")
        }
        if status.badLines != byReason {
            problems.append(
                "status shows \(status.badLines) bad lines but its per-reason totals add up to \(byReason)")
        }
        return problems
    }

    /// The totals of the store's line counters.
    /// - Throws: ``AgentError/inconsistentCounters(problems:)`` listing every disagreement.
    /// - Complexity: O(sources × reasons).
    public static func verify(store: Store) throws -> Totals {
        let problems = try problems(store: store)
        guard problems.isEmpty else { throw AgentError.inconsistentCounters(problems: problems) }
        let status = try store.counters()
        return Totals(files: try store.ingestFiles().count, lines: status.totalLines, badLines: status.badLines)
    }
}
