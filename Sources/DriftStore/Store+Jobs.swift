import DriftCore

extension Store {
    // MARK: Jobs (the cost ledger)

    /// Inserts a job (a reservation) and returns its row id.
    /// - Throws: ``StoreError`` (a constraint error for a duplicate `jobId`).
    @discardableResult
    public func insertJob(_ job: StoredJob) throws -> Int64 {
        try connection.withStatement(Schema.insertJob) { statement in
            try statement.run([
                .text(job.jobId), .text(job.mode), .text(job.model), .integer(job.decisionId), .text(job.status),
                .real(job.estimate), .real(job.cost), .integer(job.startedMs), .integer(job.finishedMs),
                .text(job.modelVersion),
            ])
        }
        return try lastInsertedID()
    }

    /// Writes a job's id, status, cost, finish time and model version.
    public func updateJob(_ job: StoredJob) throws {
        try connection.withStatement(Schema.updateJob) { statement in
            try statement.run([
                .integer(job.id), .text(job.jobId), .text(job.status), .real(job.cost), .integer(job.finishedMs),
                .text(job.modelVersion),
            ])
        }
    }

    /// The job with this pipeline id, if any.
    public func job(jobId: String) throws -> StoredJob? {
        try connection.withStatement(Schema.selectJobByJobID) { statement in
            try statement.rows([.text(jobId)], StoredJob.init(row:)).first
        }
    }

    /// The job with this row id, if any.
    public func job(rowID: Int64) throws -> StoredJob? {
        try connection.withStatement(Schema.selectJobByRowID) { statement in
            try statement.rows([.integer(rowID)], StoredJob.init(row:)).first
        }
    }

    /// The jobs a decision started.
    public func jobs(decisionId: Int64) throws -> [StoredJob] {
        try connection.withStatement(Schema.selectJobsByDecision) { statement in
            try statement.rows([.integer(decisionId)], StoredJob.init(row:))
        }
    }

    /// Jobs in id order, filtered by mode and model (`nil`: all).
    public func jobs(mode: String? = nil, model: String? = nil) throws -> [StoredJob] {
        try connection.withStatement(Schema.selectJobs) { statement in
            try statement.rows([.text(mode), .text(model)], StoredJob.init(row:))
        }
    }

    /// How many jobs started at or after `since` (one model's, or all models' when `model` is `nil`).
    public func jobCount(mode: String, model: String?, since: Int64) throws -> Int {
        try connection.withStatement(Schema.countJobsSince) { statement in
            try statement.rows([.text(mode), .text(model), .integer(since)]) { Int($0.int64(at: 0)) }.first ?? 0
        }
    }

    /// When the model's last job started, if ever.
    public func lastJobStart(mode: String, model: String) throws -> Int64? {
        try connection.withStatement(Schema.lastJobStart) { statement in
            try statement.rows([.text(mode), .text(model)]) { $0.optionalInt64(at: 0) }.first ?? nil
        }
    }

    /// The model's jobs not yet settled (reserved, running or unknown).
    public func jobsInFlight(mode: String, model: String) throws -> Int {
        try connection.withStatement(Schema.countJobsInFlight) { statement in
            try statement.rows([.text(mode), .text(model)]) { Int($0.int64(at: 0)) }.first ?? 0
        }
    }

    /// Settled cost and reserved estimates of jobs started in `[from, until)`, all models.
    public func jobCosts(mode: String, from: Int64, until: Int64) throws -> (spent: Double, reserved: Double) {
        try connection.withStatement(Schema.sumJobCosts) { statement in
            try statement.rows([.text(mode), .integer(from), .integer(until)]) {
                ($0.double(at: 0), $0.double(at: 1))
            }.first ?? (0, 0)
        }
    }

    /// Settled cost and reserved estimates of jobs started in the UTC `period` holding `instant`,
    /// all models: what the budget guardrail weighs a retrain at `instant` against.
    public func jobCosts(
        mode: String, period: BudgetPeriod, containing instant: Int64
    ) throws -> (spent: Double, reserved: Double) {
        try jobCosts(mode: mode, from: period.start(containing: instant), until: period.end(containing: instant))
    }

    // MARK: Hook runs

    /// Records the intent to run a hook (before it runs) and returns the run's id.
    @discardableResult
    public func insertHookRun(_ run: StoredHookRun) throws -> Int64 {
        try connection.withStatement(Schema.insertHookRun) { statement in
            try statement.run([
                .integer(run.decisionId), .text(run.event), .text(run.idempotencyKey), .text(run.argv),
                .integer(run.attempt), .integer(run.startedMs), .integer(run.timeoutMs),
            ])
        }
        return try lastInsertedID()
    }

    /// Records a hook run's outcome; only an open intent is completed (a run is finished once).
    /// - Returns: whether an open intent was completed.
    @discardableResult
    public func finishHookRun(_ run: StoredHookRun) throws -> Bool {
        try connection.withStatement(Schema.finishHookRun) { statement in
            try statement.run([
                .integer(run.id), .text(run.state), .integer(run.finishedMs), .integer(run.exitCode),
                .integer(run.signal), .blob(run.stdout), .blob(run.stderr), .integer(run.stdoutDropped),
                .integer(run.stderrDropped),
            ])
        } == 1
    }

    /// A decision's hook runs, oldest first.
    public func hookRuns(decisionId: Int64) throws -> [StoredHookRun] {
        try connection.withStatement(Schema.selectHookRunsByDecision) { statement in
            try statement.rows([.integer(decisionId)], StoredHookRun.init(row:))
        }
    }

    /// Hook runs whose intent has no outcome yet.
    public func openHookRuns() throws -> [StoredHookRun] {
        try connection.withStatement(Schema.selectOpenHookRuns) { statement in
            try statement.rows([], StoredHookRun.init(row:))
        }
    }
}

extension StoredJob {
    /// Reads a row of `Schema.jobColumns`.
    fileprivate init(row: Statement) {
        self.init(
            id: row.int64(at: 0), jobId: row.string(at: 1), mode: row.string(at: 2), model: row.string(at: 3),
            decisionId: row.int64(at: 4), status: row.string(at: 5), estimate: row.double(at: 6),
            cost: row.optionalDouble(at: 7), startedMs: row.int64(at: 8), finishedMs: row.optionalInt64(at: 9),
            modelVersion: row.optionalString(at: 10))
    }
}

extension StoredHookRun {
    /// Reads a row of `Schema.hookRunColumns`.
    fileprivate init(row: Statement) {
        self.init(
            id: row.int64(at: 0), decisionId: row.int64(at: 1), event: row.string(at: 2),
            idempotencyKey: row.string(at: 3), argv: row.string(at: 4), attempt: row.int64(at: 5),
            state: row.string(at: 6), startedMs: row.int64(at: 7), timeoutMs: row.int64(at: 8),
            finishedMs: row.optionalInt64(at: 9), exitCode: row.optionalInt64(at: 10),
            signal: row.optionalInt64(at: 11),
            stdout: row.bytes(at: 12), stderr: row.bytes(at: 13), stdoutDropped: row.int64(at: 14),
            stderrDropped: row.int64(at: 15))
    }
}
