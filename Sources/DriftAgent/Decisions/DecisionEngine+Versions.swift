import DriftCore
import DriftStore

extension DecisionEngine {
    /// Settles the retraining job a new model version answers: when a window is the first of its
    /// version and the model has a job in flight (reserved, running or unknown) that started
    /// before the window ended, the version is what the job produced. The oldest such job is
    /// settled as succeeded at its estimate (unless `driftwatch job complete` reports its cost
    /// first) with the version recorded, which links the version to the job and its decision.
    ///
    /// - Returns: the jobs settled.
    /// - Complexity: one indexed query per window, plus the model's jobs when a version is new.
    @discardableResult
    public func settleJobs(forNewVersionsIn windows: [StoredWindowKey], store: Store, now: Int64, mode: Mode) throws
        -> [StoredJob]
    {
        var settled: [StoredJob] = []
        for key in Set(windows).sorted(by: { ($0.model, $0.startMs, $0.version) < ($1.model, $1.startMs, $1.version) })
        {
            guard try store.firstWindowStart(model: key.model, version: key.version) == key.startMs,
                let window = try store.window(model: key.model, version: key.version, start: key.startMs)
            else { continue }
            let inFlight = try store.jobs(mode: mode.rawValue, model: key.model).filter {
                ["reserved", "running", "unknown"].contains($0.status) && $0.startedMs < window.endMs
                    && ($0.modelVersion == nil || $0.modelVersion == key.version)
            }
            guard let job = inFlight.min(by: { $0.startedMs < $1.startedMs }) else { continue }
            settled.append(
                try completeJob(
                    jobID: job.jobId, succeeded: true, cost: nil, modelVersion: key.version, store: store, now: now))
        }
        return settled
    }
}
