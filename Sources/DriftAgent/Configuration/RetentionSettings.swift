import DriftStore

/// `[retention]`: how long the state file keeps windows and decisions (docs/CONFIG.md).
///
/// Ages are event time, measured back from each model's newest stored window end. The defaults
/// bound the file of a long-running agent (90 days of windows, a year of decisions) while keeping
/// any demo, test or backfill of a few weeks whole.
public struct RetentionSettings: Sendable, Equatable {
    /// Windows older than this are deleted; `nil` (`"forever"`) keeps them all.
    public var windowsMilliseconds: Int64? = 90 * 86_400_000
    /// Decisions (and resolved episodes) older than this are deleted; `nil` keeps them all.
    public var decisionsMilliseconds: Int64? = 365 * 86_400_000
    /// How often `driftwatch run` prunes, in wall time (at a checkpoint once this much has passed).
    public var intervalMilliseconds: Int64 = 600_000

    /// The defaults.
    public init() {}

    /// Whether anything is ever pruned.
    public var isEnabled: Bool { windowsMilliseconds != nil || decisionsMilliseconds != nil }

    /// The store's policy, keeping the windows at or after `keepFrom` (per model) whatever their age.
    public func policy(keepFrom: [String: Int64] = [:]) -> RetentionPolicy {
        RetentionPolicy(
            windowsMaxAgeMs: windowsMilliseconds, decisionsMaxAgeMs: decisionsMilliseconds, keepFrom: keepFrom)
    }
}
