import DriftCore
import DriftStore

extension StoredWindow {
    /// The window's profile with the delayed labels credited to it merged in: what reports and
    /// decisions read.
    /// - Throws: ``AgentError/corruptWindow(model:version:start:reason:)`` when a blob cannot be
    ///   decoded, ``AgentError/labelsUnmergeable(model:version:start:reason:)`` when the two do not merge.
    public func profileWithLabels() throws -> Profile {
        var profile = try Self.decode(self.profile, key)
        guard let joined else { return profile }
        do {
            try profile.merge(try Self.decode(joined, key))
        } catch let error as SummaryMergeError {
            throw AgentError.labelsUnmergeable(
                model: key.model, version: key.version, start: key.startMs, reason: error)
        }
        return profile
    }

    static func decode(_ blob: [UInt8], _ key: StoredWindowKey) throws -> Profile {
        do {
            return try Profile(decoding: blob)
        } catch {
            throw AgentError.corruptWindow(model: key.model, version: key.version, start: key.startMs, reason: error)
        }
    }
}
