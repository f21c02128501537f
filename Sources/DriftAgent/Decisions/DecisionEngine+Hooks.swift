import DriftCore
import DriftIngest
import DriftStore

extension DecisionEngine {
    /// Runs each planned hook: a retrain once, a notification up to `attempts` times with
    /// exponential backoff. Every attempt has its intent recorded before it runs and its outcome
    /// after; a retrain's outcome also moves its job and the breaker.
    func run(_ hooks: [PlannedHook], store: Store, now: Int64) throws {
        let start = HookRunner.Session.monotonicMilliseconds()
        func clock() -> Int64 { now + HookRunner.Session.monotonicMilliseconds() - start }
        for hook in hooks {
            var run = hook.run
            let attempts = hook.event.isNotification ? configuration.hooks.attempts : 1
            for attempt in 1...attempts {
                if attempt > 1 {
                    sleep(configuration.hooks.backoffMilliseconds << Int64(attempt - 2))
                    run.attempt = Int64(attempt)
                    run.startedMs = clock()
                    run.id = try store.insertHookRun(run)
                }
                let outcome = try execute(hook, run: run, store: store, sentMs: run.startedMs)
                try store.transaction {
                    var finished = run
                    finished.finishedMs = clock()
                    finished.apply(outcome)
                    try store.finishHookRun(finished)
                    if let jobRowID = hook.jobRowID {
                        try settleSubmission(
                            jobRowID: jobRowID, outcome: outcome, store: store, at: finished.finishedMs ?? now)
                    }
                }
                if outcome.succeeded { break }
            }
        }
    }

    /// Runs one attempt of `hook` with its event on stdin.
    private func execute(_ hook: PlannedHook, run: StoredHookRun, store: Store, sentMs: Int64) throws
        -> HookRunner.Outcome
    {
        guard let decision = try store.decision(id: run.decisionId) else {
            return HookRunner.Outcome(termination: .spawnFailed(0))
        }
        let job = try hook.jobRowID.flatMap { try store.job(rowID: $0) }
        let payload = DecisionJSON.event(
            hook.event, decision: decision, key: run.idempotencyKey, job: job, attempt: Int(run.attempt), sentMs: sentMs
        )
        let environment = [
            "DRIFTWATCH_EVENT": hook.event.rawValue, "DRIFTWATCH_MODEL": decision.model,
            "DRIFTWATCH_VERSION": decision.version, "DRIFTWATCH_DECISION_ID": String(decision.id),
            "DRIFTWATCH_IDEMPOTENCY_KEY": run.idempotencyKey, "DRIFTWATCH_ATTEMPT": String(run.attempt),
            "DRIFTWATCH_SCHEMA_VERSION": String(DecisionJSON.eventSchemaVersion),
        ]
        return runner.run(
            argv: hook.argv, input: Array(payload.utf8), environment: environment,
            timeoutMilliseconds: run.timeoutMs)
    }

    /// A retrain hook's outcome: success makes the job `running` (with the job id and cost the hook
    /// printed, if any) and closes the breaker; failure settles the job as `failed` at cost 0 and
    /// counts against the breaker. Runs inside the caller's transaction.
    private func settleSubmission(jobRowID: Int64, outcome: HookRunner.Outcome, store: Store, at now: Int64) throws {
        guard var job = try store.job(rowID: jobRowID),
            job.status == "reserved"
        else { return }
        let guardrails = configuration.guardrailPolicy(model: job.model)
        var breaker = CircuitBreaker(try store.breaker(mode: job.mode, model: job.model))
        if outcome.succeeded {
            job.status = "running"
            if let reported = JobReport(output: outcome.stdout) {
                if let id = reported.jobId, try store.job(jobId: id) == nil { job.jobId = id }
                if let cost = reported.cost { job.estimate = cost }
            }
            breaker.recordSuccess()
        } else {
            job.status = "failed"
            job.cost = 0
            job.finishedMs = now
            breaker.recordFailure(now: now, threshold: guardrails.breakerThreshold)
            // Nothing was submitted: the episode's retrain is still owed, so the next window retries it.
            if let episodeID = try store.decision(id: job.decisionId)?.episodeId,
                var episode = try store.episode(id: episodeID), episode.actedDecisionId == job.decisionId
            {
                episode.actedDecisionId = nil
                try store.updateEpisode(episode)
            }
        }
        try store.updateJob(job)
        try store.setBreaker(StoredBreaker(breaker.state), mode: job.mode, model: job.model)
    }
}

/// The JSON line a retrain hook may print: `{"job_id": "…", "cost": 12.5}` (the last such line wins).
struct JobReport: Equatable {
    var jobId: String?
    var cost: Double?

    init?(output: [UInt8]) {
        let scanner = JSONScanner(fields: [FieldPath("job_id"), FieldPath("cost")].compactMap { $0 })
        var fields = scanner.makeFields()
        var found: JobReport?
        for line in output.split(separator: UInt8(ascii: "\n")) {
            let bytes = Array(line)
            bytes.withUnsafeBytes { raw in
                guard case .ok = scanner.scan(raw, into: &fields) else { return }
                var report = JobReport(jobId: nil, cost: nil)
                if case .string(let ref) = fields.values[0] { report.jobId = ref.string(in: raw) }
                if case .number(let value) = fields.values[1], value.isFinite, value >= 0 { report.cost = value }
                if report.jobId != nil || report.cost != nil { found = report }
            }
        }
        guard let found else { return nil }
        self = found
    }

    init(jobId: String?, cost: Double?) {
        self.jobId = jobId
        self.cost = cost
    }
}

extension StoredHookRun {
    /// Copies a run's outcome into the row.
    mutating func apply(_ outcome: HookRunner.Outcome) {
        stdout = outcome.stdout
        stderr = outcome.stderr
        stdoutDropped = Int64(outcome.stdoutDropped)
        stderrDropped = Int64(outcome.stderrDropped)
        switch outcome.termination {
        case .exited(let code):
            state = code == 0 ? "succeeded" : "failed"
            exitCode = Int64(code)
        case .signaled(let signal):
            state = "failed"
            self.signal = Int64(signal)
        case .timedOut:
            state = "timed_out"
        case .spawnFailed(let code):
            state = "spawn_failed"
            exitCode = Int64(code)
        }
    }
}
