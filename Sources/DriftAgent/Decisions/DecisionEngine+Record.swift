import DriftCore
import DriftIngest
import DriftStore

extension DecisionEngine {
    /// A recorded decision and the hook runs whose intent was recorded with it.
    struct Plan {
        var decision: StoredDecision
        var hooks: [PlannedHook]
    }

    /// A hook to run: its recorded intent (attempt 1) and what it needs.
    struct PlannedHook {
        var event: HookEvent
        var run: StoredHookRun
        var argv: [String]
        var jobRowID: Int64?
    }

    /// Records the decision for `window`, its episode, guardrail verdicts, job reservation and hook
    /// intents, in one transaction; `nil` when the window was already decided in this mode (or, for
    /// a re-decision, when the decision it supersedes is no longer the window's current one).
    ///
    /// A re-decision (`supersession`) continues the episode of the decision it supersedes when the
    /// kind is the same (so an episode's retrain never fires twice), and an `ok` re-decision of a
    /// past window resolves no episode: only the newest windows say the present is fine.
    func record(
        _ verdict: PolicyDecision, window: StoredWindow, rows: UInt64, at now: Int64, _ context: Context,
        store: Store, supersession: Supersession? = nil
    ) throws -> Plan? {
        try store.transaction { () throws -> Plan? in
            let mode = context.mode.rawValue
            let current = try store.decision(mode: mode, window: window.key)
            guard current?.id == supersession?.decision.id else { return nil }
            let open = try store.openEpisodes(mode: mode, model: context.model)
            var reasons = verdict.reasons
            var episode = open.first { $0.kind == verdict.verdict.rawValue }
            if let supersession {
                reasons.insert(supersession.reason, at: 0)
                if let id = supersession.decision.episodeId, let previous = try store.episode(id: id),
                    previous.kind == verdict.verdict.rawValue
                {
                    episode = previous
                }
            }
            let continues =
                episode.map { $0.actedDecisionId != nil || $0.resolvedMs != nil || verdict.verdict != .retrain }
                ?? false
            if continues, let episode {
                reasons.append(
                    .init(
                        .episodeOpen,
                        "episode #\(episode.id) "
                            + (episode.resolvedMs.map { "resolved at \(Timestamp.format(milliseconds: $0)), " } ?? "")
                            + "open since \(Timestamp.format(milliseconds: episode.openedMs))"
                            + (episode.actedDecisionId.map { "; acted on by decision #\($0)" } ?? "")))
            }
            var decision = StoredDecision(
                mode: mode, model: context.model, version: window.key.version, windowStartMs: window.key.startMs,
                windowEndMs: window.endMs, decidedMs: now, verdict: verdict.verdict.rawValue,
                action: DecisionAction.none.rawValue, reasons: DecisionJSON.reasons(reasons), guardrails: "[]",
                inputs: DecisionJSON.inputs(verdict, rows: rows, policy: context.policy),
                revision: supersession.map { $0.decision.revision + 1 } ?? 0, supersedes: supersession?.decision.id,
                labelRevision: window.labelRevision)
            decision.id = try store.insertDecision(decision)
            var events: [HookEvent] = []
            var jobRowID: Int64?
            if verdict.verdict == .ok, supersession == nil {
                for var resolved in open {
                    resolved.resolvedMs = window.key.startMs
                    resolved.resolvedDecisionId = decision.id
                    try store.updateEpisode(resolved)
                    events.append(.resolved)
                }
            } else if verdict.verdict.isActionable && !continues {
                if episode == nil {
                    let id = try store.insertEpisode(
                        StoredEpisode(
                            id: 0, mode: mode, model: context.model, kind: verdict.verdict.rawValue,
                            openedMs: window.key.startMs, firstDecisionId: decision.id))
                    episode = try store.episode(id: id)
                }
                if var current = episode {
                    jobRowID = try act(
                        verdict.verdict, on: &decision, episode: &current, events: &events, context, store)
                    try store.updateEpisode(current)
                    episode = current
                }
            }
            decision.episodeId = episode?.id
            try store.updateDecisionOutcome(decision)
            let hooks = try intents(for: events, decision: decision, jobRowID: jobRowID, context, store: store)
            return Plan(decision: decision, hooks: hooks)
        }
    }

    /// Takes the episode's action (or records why not); returns the reserved job's row id.
    private func act(
        _ verdict: DecisionVerdict, on decision: inout StoredDecision, episode: inout StoredEpisode,
        events: inout [HookEvent], _ context: Context, _ store: Store
    ) throws -> Int64? {
        let firing = context.mode == .fire
        switch verdict {
        case .review:
            decision.action = (firing ? DecisionAction.awaitingApproval : .backtest).rawValue
            episode.actedDecisionId = decision.id
            events.append(.review)
        case .block:
            decision.action = (firing ? DecisionAction.fired : .backtest).rawValue
            episode.actedDecisionId = decision.id
            events.append(.block)
        case .retrain:
            let (permitted, jobRowID) = try triggerRetrain(&decision, context, store: store, at: decision.decidedMs)
            if permitted {
                episode.actedDecisionId = decision.id
                events.append(.retrain)
            } else if !episode.deniedAlerted {
                episode.deniedAlerted = true
                events.append(.denied)
            }
            return jobRowID
        case .ok, .insufficientData:
            break
        }
        return nil
    }

    /// Checks the guardrails of a retrain at `now` and, when they permit, reserves its job and
    /// advances the breaker; sets the decision's action and guardrail verdicts. Runs inside the
    /// caller's transaction.
    func triggerRetrain(
        _ decision: inout StoredDecision, _ context: Context, store: Store, at now: Int64
    ) throws -> (permitted: Bool, jobRowID: Int64?) {
        let mode = context.mode.rawValue
        let state = try guardrailState(context, store: store, at: now)
        let verdicts = context.guardrails.verdicts(state: state, now: now)
        decision.guardrails = DecisionJSON.guardrails(verdicts)
        guard GuardrailPolicy.permits(verdicts) else {
            decision.action = DecisionAction.denied.rawValue
            return (false, nil)
        }
        let admission = state.breaker.admission(
            now: now, coolOffMilliseconds: context.guardrails.breakerCoolOffMilliseconds)
        if admission.next != state.breaker.state {
            try store.setBreaker(StoredBreaker(admission.next), mode: mode, model: context.model)
        }
        let hasHook = configuration.hookCommand(.retrain, model: context.model) != nil
        let settlesNow = context.mode == .backtest || !hasHook
        let estimate = context.guardrails.costEstimate
        let job = StoredJob(
            jobId: "driftwatch-\(mode)-\(decision.id)", mode: mode, model: context.model, decisionId: decision.id,
            status: settlesNow ? "succeeded" : "reserved", estimate: estimate, cost: settlesNow ? estimate : nil,
            startedMs: now, finishedMs: settlesNow ? now : nil)
        let rowID = try store.insertJob(job)
        decision.action = (context.mode == .fire ? DecisionAction.fired : .backtest).rawValue
        return (true, rowID)
    }

    /// The guardrail figures of `context.model` at `now`, read from the store.
    func guardrailState(_ context: Context, store: Store, at now: Int64) throws -> GuardrailState {
        let mode = context.mode.rawValue
        var state = GuardrailState()
        state.lastFiredMs = try store.lastJobStart(mode: mode, model: context.model)
        if let rate = context.guardrails.modelRate {
            state.firedInModelPeriod = try store.jobCount(
                mode: mode, model: context.model, since: now - rate.periodMilliseconds + 1)
        }
        if let rate = context.guardrails.globalRate {
            state.firedInGlobalPeriod = try store.jobCount(
                mode: mode, model: nil, since: now - rate.periodMilliseconds + 1)
        }
        state.inFlight = try store.jobsInFlight(mode: mode, model: context.model)
        (state.daySpent, state.dayReserved) = try store.jobCosts(mode: mode, period: .day, containing: now)
        (state.monthSpent, state.monthReserved) = try store.jobCosts(mode: mode, period: .month, containing: now)
        state.breaker = CircuitBreaker(try store.breaker(mode: mode, model: context.model))
        return state
    }

    /// Records the intent (attempt 1) of every event's hook, in `fire` mode.
    func intents(
        for events: [HookEvent], decision: StoredDecision, jobRowID: Int64?, _ context: Context, store: Store
    ) throws -> [PlannedHook] {
        guard context.mode == .fire else { return [] }
        var hooks: [PlannedHook] = []
        for event in events {
            guard let argv = configuration.hookCommand(event, model: context.model) else { continue }
            var run = StoredHookRun(
                decisionId: decision.id, event: event.rawValue,
                idempotencyKey: try idempotencyKey(event, decision: decision, store: store),
                argv: Self.argvJSON(argv), attempt: 1, startedMs: decision.decidedMs,
                timeoutMs: configuration.hooks.timeoutMilliseconds)
            run.id = try store.insertHookRun(run)
            hooks.append(PlannedHook(event: event, run: run, argv: argv, jobRowID: event == .retrain ? jobRowID : nil))
        }
        return hooks
    }

    /// `<store id>:<decision id>:<event>`; the store id is made once per state file.
    func idempotencyKey(_ event: HookEvent, decision: StoredDecision, store: Store) throws -> String {
        var storeID = try store.meta("store_id")
        if storeID == nil {
            var generator = SystemRandomNumberGenerator()
            let made = String(generator.next() as UInt64, radix: 16)
            try store.setMeta(made, for: "store_id")
            storeID = made
        }
        return "\(storeID ?? "store"):\(decision.id):\(event.rawValue)"
    }

    static func argvJSON(_ argv: [String]) -> String {
        var json = JSONWriter()
        json.array { json in for argument in argv { json.value(argument) } }
        return json.text
    }
}

extension CircuitBreaker {
    /// The breaker stored in a row (closed when there is none).
    init(_ row: StoredBreaker?) {
        guard let row else {
            self.init()
            return
        }
        switch row.state {
        case "open": self.init(state: .open(since: row.openedMs ?? 0))
        case "half_open": self.init(state: .halfOpen)
        default: self.init(state: .closed(failures: Int(row.failures)))
        }
    }
}

extension StoredBreaker {
    /// The row of a breaker state.
    init(_ state: CircuitBreaker.State) {
        switch state {
        case .closed(let failures): self.init(state: "closed", failures: Int64(failures), openedMs: nil)
        case .open(let since): self.init(state: "open", failures: 0, openedMs: since)
        case .halfOpen: self.init(state: "half_open", failures: 0, openedMs: nil)
        }
    }
}
