/// SQL of the decision log, guardrail state, hook runs and the cost ledger (schema v2).
///
/// `mode` is `'fire'` (real actions) or `'backtest'` (recorded, nothing run): the two never share
/// guardrail state, so a backtest cannot put the live agent in cooldown. JSON columns hold the
/// audit detail (reasons, guardrail verdicts, inputs) exactly as `driftwatch decisions` prints it.
extension Schema {
    // MARK: Migration

    /// Schema v2: decisions, episodes, jobs (the cost ledger), hook runs and circuit breakers.
    static let createV2 = """
        CREATE TABLE decisions (
            id              INTEGER PRIMARY KEY,
            mode            TEXT    NOT NULL CHECK (mode IN ('fire', 'backtest')),
            model           TEXT    NOT NULL,
            version         TEXT    NOT NULL,
            window_start_ms INTEGER NOT NULL,
            window_end_ms   INTEGER NOT NULL,
            decided_ms      INTEGER NOT NULL,
            verdict         TEXT    NOT NULL,
            action          TEXT    NOT NULL,
            reasons         TEXT    NOT NULL,  -- JSON array of {code, message}
            guardrails      TEXT    NOT NULL,  -- JSON array of {name, verdict, detail}
            inputs          TEXT    NOT NULL,  -- JSON object: the figures and thresholds
            episode_id      INTEGER,
            approved_ms     INTEGER,
            CHECK (window_end_ms > window_start_ms)
        ) STRICT;
        CREATE UNIQUE INDEX decisions_by_window ON decisions (mode, model, version, window_start_ms);
        CREATE INDEX decisions_by_model_start ON decisions (model, window_start_ms);
        CREATE TABLE episodes (
            id                  INTEGER PRIMARY KEY,
            mode                TEXT    NOT NULL CHECK (mode IN ('fire', 'backtest')),
            model               TEXT    NOT NULL,
            kind                TEXT    NOT NULL,  -- the verdict: retrain, review or block
            opened_ms           INTEGER NOT NULL,
            first_decision_id   INTEGER NOT NULL REFERENCES decisions (id),
            acted_decision_id   INTEGER REFERENCES decisions (id),
            denied_alerted      INTEGER NOT NULL DEFAULT 0 CHECK (denied_alerted IN (0, 1)),
            resolved_ms         INTEGER,
            resolved_decision_id INTEGER REFERENCES decisions (id)
        ) STRICT;
        CREATE UNIQUE INDEX episodes_open ON episodes (mode, model, kind) WHERE resolved_ms IS NULL;
        CREATE TABLE jobs (
            id            INTEGER PRIMARY KEY,
            job_id        TEXT    NOT NULL UNIQUE,  -- the pipeline's id, or driftwatch-<decision>
            mode          TEXT    NOT NULL CHECK (mode IN ('fire', 'backtest')),
            model         TEXT    NOT NULL,
            decision_id   INTEGER NOT NULL REFERENCES decisions (id),
            status        TEXT    NOT NULL
                CHECK (status IN ('reserved', 'running', 'unknown', 'succeeded', 'failed')),
            estimate      REAL    NOT NULL CHECK (estimate >= 0),
            cost          REAL    CHECK (cost >= 0),
            started_ms    INTEGER NOT NULL,
            finished_ms   INTEGER,
            model_version TEXT
        ) STRICT;
        CREATE INDEX jobs_by_started ON jobs (mode, started_ms);
        CREATE INDEX jobs_by_model_started ON jobs (mode, model, started_ms);
        CREATE TABLE hook_runs (
            id               INTEGER PRIMARY KEY,
            decision_id      INTEGER NOT NULL REFERENCES decisions (id),
            event            TEXT    NOT NULL,
            idempotency_key  TEXT    NOT NULL,
            argv             TEXT    NOT NULL,  -- JSON array
            attempt          INTEGER NOT NULL CHECK (attempt >= 1),
            state            TEXT    NOT NULL
                CHECK (state IN ('intent', 'succeeded', 'failed', 'timed_out', 'spawn_failed', 'interrupted')),
            started_ms       INTEGER NOT NULL,
            timeout_ms       INTEGER NOT NULL,
            finished_ms      INTEGER,
            exit_code        INTEGER,
            signal           INTEGER,
            stdout           BLOB,
            stderr           BLOB,
            stdout_dropped   INTEGER NOT NULL DEFAULT 0,
            stderr_dropped   INTEGER NOT NULL DEFAULT 0
        ) STRICT;
        CREATE INDEX hook_runs_by_decision ON hook_runs (decision_id, id);
        CREATE INDEX hook_runs_open ON hook_runs (state) WHERE state = 'intent';
        CREATE TABLE breakers (
            mode      TEXT    NOT NULL CHECK (mode IN ('fire', 'backtest')),
            model     TEXT    NOT NULL,
            state     TEXT    NOT NULL CHECK (state IN ('closed', 'open', 'half_open')),
            failures  INTEGER NOT NULL CHECK (failures >= 0),
            opened_ms INTEGER,
            PRIMARY KEY (mode, model)
        ) STRICT;
        """

    // MARK: Decisions

    static let decisionColumns = """
        id, mode, model, version, window_start_ms, window_end_ms, decided_ms, verdict, action, reasons, guardrails, \
        inputs, episode_id, approved_ms, revision, supersedes, label_revision
        """
    static let insertDecision = """
        INSERT INTO decisions (mode, model, version, window_start_ms, window_end_ms, decided_ms, verdict, action,
            reasons, guardrails, inputs, episode_id, approved_ms, revision, supersedes, label_revision)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
        """
    static let updateDecisionOutcome = """
        UPDATE decisions SET action = ?2, guardrails = ?3, episode_id = ?4, approved_ms = ?5 WHERE id = ?1
        """
    static let selectDecision = "SELECT \(decisionColumns) FROM decisions WHERE id = ?1"
    static let selectDecisionByWindow = """
        SELECT \(decisionColumns) FROM decisions
        WHERE mode = ?1 AND model = ?2 AND version = ?3 AND window_start_ms = ?4
        ORDER BY revision DESC LIMIT 1
        """
    /// Filters: model, window start at or after, mode; a NULL filter matches everything.
    static let selectDecisions = """
        SELECT \(decisionColumns) FROM decisions
        WHERE (?1 IS NULL OR model = ?1) AND (?2 IS NULL OR window_start_ms >= ?2) AND (?3 IS NULL OR mode = ?3)
        ORDER BY id
        """

    // MARK: Episodes

    static let episodeColumns = """
        id, mode, model, kind, opened_ms, first_decision_id, acted_decision_id, denied_alerted, resolved_ms, \
        resolved_decision_id
        """
    static let insertEpisode = """
        INSERT INTO episodes (mode, model, kind, opened_ms, first_decision_id) VALUES (?1, ?2, ?3, ?4, ?5)
        """
    static let selectOpenEpisodes = """
        SELECT \(episodeColumns) FROM episodes WHERE mode = ?1 AND model = ?2 AND resolved_ms IS NULL ORDER BY id
        """
    static let selectEpisode = "SELECT \(episodeColumns) FROM episodes WHERE id = ?1"
    static let updateEpisode = """
        UPDATE episodes SET acted_decision_id = ?2, denied_alerted = ?3, resolved_ms = ?4, resolved_decision_id = ?5
        WHERE id = ?1
        """

    // MARK: Jobs (the ledger)

    static let jobColumns = """
        id, job_id, mode, model, decision_id, status, estimate, cost, started_ms, finished_ms, model_version
        """
    static let insertJob = """
        INSERT INTO jobs (job_id, mode, model, decision_id, status, estimate, cost, started_ms, finished_ms,
            model_version)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
        """
    static let updateJob = """
        UPDATE jobs SET job_id = ?2, status = ?3, cost = ?4, finished_ms = ?5, model_version = ?6 WHERE id = ?1
        """
    static let selectJobByJobID = "SELECT \(jobColumns) FROM jobs WHERE job_id = ?1"
    static let selectJobByRowID = "SELECT \(jobColumns) FROM jobs WHERE id = ?1"
    static let selectJobsByDecision = "SELECT \(jobColumns) FROM jobs WHERE decision_id = ?1 ORDER BY id"
    static let selectJobs = """
        SELECT \(jobColumns) FROM jobs WHERE (?1 IS NULL OR mode = ?1) AND (?2 IS NULL OR model = ?2) ORDER BY id
        """
    /// Jobs started at or after ?3 (all models when ?2 is NULL).
    static let countJobsSince = """
        SELECT count(*) FROM jobs WHERE mode = ?1 AND (?2 IS NULL OR model = ?2) AND started_ms >= ?3
        """
    static let lastJobStart = "SELECT max(started_ms) FROM jobs WHERE mode = ?1 AND model = ?2"
    static let countJobsInFlight = """
        SELECT count(*) FROM jobs WHERE mode = ?1 AND model = ?2 AND status IN ('reserved', 'running', 'unknown')
        """
    /// Settled cost and reserved estimates of jobs started in `[?2, ?3)`: a settled job counts its
    /// reported cost (a success without one, its estimate); an unsettled one its estimate.
    static let sumJobCosts = """
        SELECT
            coalesce(sum(CASE WHEN status IN ('succeeded', 'failed')
                THEN coalesce(cost, CASE WHEN status = 'succeeded' THEN estimate ELSE 0 END) ELSE 0 END), 0),
            coalesce(sum(CASE WHEN status IN ('reserved', 'running', 'unknown') THEN estimate ELSE 0 END), 0)
        FROM jobs WHERE mode = ?1 AND started_ms >= ?2 AND started_ms < ?3
        """

    // MARK: Hook runs

    static let hookRunColumns = """
        id, decision_id, event, idempotency_key, argv, attempt, state, started_ms, timeout_ms, finished_ms, \
        exit_code, signal, stdout, stderr, stdout_dropped, stderr_dropped
        """
    static let insertHookRun = """
        INSERT INTO hook_runs (decision_id, event, idempotency_key, argv, attempt, state, started_ms, timeout_ms)
        VALUES (?1, ?2, ?3, ?4, ?5, 'intent', ?6, ?7)
        """
    static let finishHookRun = """
        UPDATE hook_runs SET state = ?2, finished_ms = ?3, exit_code = ?4, signal = ?5, stdout = ?6, stderr = ?7,
            stdout_dropped = ?8, stderr_dropped = ?9
        WHERE id = ?1 AND state = 'intent'
        """
    static let selectHookRunsByDecision = "SELECT \(hookRunColumns) FROM hook_runs WHERE decision_id = ?1 ORDER BY id"
    static let selectOpenHookRuns = """
        SELECT \(hookRunColumns) FROM hook_runs WHERE state = 'intent' ORDER BY id
        """

    // MARK: Breakers

    static let selectBreaker = "SELECT state, failures, opened_ms FROM breakers WHERE mode = ?1 AND model = ?2"
    static let upsertBreaker = """
        INSERT INTO breakers (mode, model, state, failures, opened_ms) VALUES (?1, ?2, ?3, ?4, ?5)
        ON CONFLICT (mode, model) DO UPDATE SET
            state = excluded.state, failures = excluded.failures, opened_ms = excluded.opened_ms
        """
}
