import DriftAgent
import DriftCore
import DriftStore
import DriftTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Model-based test of the tailer: random sequences of appends (with unfinished lines), polls,
/// checkpoints, rename rotations, copy-truncate rotations (the copy compressed or not), rotations
/// compressed to gzip, deletions
/// and crashes (the tailer dropped without a checkpoint, then restarted from the store), run
/// against real files, with unusable lines among the good ones. The model is the number of
/// complete lines written, good and bad by reason; after a final poll and checkpoint the store must
/// hold exactly that many rows, lines and bad lines by reason, and after every checkpoint each
/// file's counters must agree (``CounterCheck``). `DRIFT_LONG_TESTS=1` runs 300 sequences.
struct TailModelTests {
    enum Operation: CaseIterable {
        case append, appendPartial, poll, checkpoint, renameRotate, copyTruncate, gzipRotate, deleteAndRecreate, crash
        /// logrotate's `copytruncate` + `compress`: copy, truncate, maybe a poll, gzip the copy.
        case copyTruncateGzip
    }

    @Test func everyCompleteLineIsCountedExactlyOnce() throws {
        let long = getenv("DRIFT_LONG_TESTS") != nil
        let hasGzip = access("/usr/bin/gzip", X_OK) == 0 || access("/bin/gzip", X_OK) == 0
        let only = getenv("DRIFT_TAIL_SEED").flatMap { Int(String(cString: $0)) }
        for seed in only.map({ $0...$0 }) ?? 1...(long ? 300 : 25) {
            try run(seed: UInt64(seed), steps: long ? 80 : 30, gzip: hasGzip)
        }
    }

    /// `DRIFT_TAIL_MINIMIZE=SEED` shrinks a failing seed's trace (one operation removed at a time)
    /// and prints the smallest failing one, for turning into a regression test.
    @Test func minimizeFailingTrace() throws {
        guard let text = getenv("DRIFT_TAIL_MINIMIZE"), let seed = UInt64(String(cString: text)) else { return }
        var random = Sampler(seed: seed)
        var trace = try run(seed: seed, steps: 80, gzip: true, script: nil, sizes: &random, record: false).trace
        guard try !replay(trace, tag: "min", seed: seed) else {
            Issue.record("seed \(seed) does not fail")
            return
        }
        var shrunk = true
        while shrunk {
            shrunk = false
            for index in trace.indices.reversed() {
                var candidate = trace
                candidate.remove(at: index)
                if try !replay(candidate, tag: "min", seed: seed) {
                    trace = candidate
                    shrunk = true
                }
            }
        }
        Issue.record("minimal failing trace: \(trace)")
    }

    private func replay(_ operations: [Operation], tag: String, seed: UInt64) throws -> Bool {
        var sizes = Sampler(seed: seed)
        return try run(seed: 0, steps: operations.count, gzip: true, script: operations, sizes: &sizes, record: false)
            .ok
    }

    private func run(seed: UInt64, steps: Int, gzip: Bool) throws {
        var random = Sampler(seed: seed)
        _ = try run(seed: seed, steps: steps, gzip: gzip, script: nil, sizes: &random, record: true)
    }

    @discardableResult
    private func run(
        seed: UInt64, steps: Int, gzip: Bool, script: [Operation]?, sizes random: inout Sampler, record: Bool
    ) throws -> (ok: Bool, trace: [Operation]) {
        let scene = LiveIngestTests.Scene("model-\(seed)")
        var (live, store) = try scene.ingest()
        var partialOpen = false
        var rotation = 0
        var trace: [Operation] = []
        var firstProblem: String?
        for step in 0..<steps {
            let drawn = Operation.allCases[random.int(below: Operation.allCases.count)]
            let operation = script?[step] ?? drawn
            trace.append(operation)
            switch operation {
            case .append:
                if partialOpen {
                    scene.append("app.log", 0, partial: "\"model\":\"m\",\"features\":{\"x\":1}}\n")
                    scene.written += 1
                    partialOpen = false
                }
                if random.int(below: 4) == 0 { scene.appendBad("app.log", 1 + random.int(below: 3)) }
                scene.append("app.log", 1 + random.int(below: 40))
                if random.int(below: 4) == 0 { scene.appendBad("app.log", 1 + random.int(below: 3)) }
            case .appendPartial:
                guard !partialOpen else { continue }
                // A unique timestamp: a constant one made a one-line file (under 64 bytes, so known by
                // its content only) the exact head of another file, which then passed for its copy.
                let count = random.int(below: 5)
                let ts = 1_793_836_800_000 + Int64(scene.written + count) * 1_000
                scene.append("app.log", count, partial: "{\"ts\":\(ts),")
                partialOpen = true
            case .poll: try live.poll()
            case .checkpoint:
                try live.checkpoint()
                let problems = try CounterCheck.problems(store: store)
                if firstProblem == nil, !problems.isEmpty { firstProblem = "step \(step): \(problems)" }
            case .renameRotate, .copyTruncate, .gzipRotate, .deleteAndRecreate, .copyTruncateGzip:
                guard !partialOpen else { continue }  // a writer rotates between lines
                rotation += 1
                let target = scene.path("app.log.\(rotation)")
                switch operation {
                case .renameRotate:
                    _ = rename(scene.path("app.log"), target)
                case .copyTruncate:
                    _ = system("cp '\(scene.path("app.log"))' '\(target)' 2>/dev/null")
                    _ = truncate(scene.path("app.log"), 0)
                case .copyTruncateGzip:
                    guard gzip else { continue }
                    _ = system("cp '\(scene.path("app.log"))' '\(target)' 2>/dev/null")
                    _ = truncate(scene.path("app.log"), 0)
                    if random.int(below: 2) == 0 { try live.poll() }
                    _ = system("gzip -f '\(target)' 2>/dev/null")
                case .gzipRotate:
                    guard gzip else { continue }
                    _ = rename(scene.path("app.log"), target)
                    try live.poll()  // logrotate compresses after the rename; the agent may or may not have read it
                    _ = system("gzip -f '\(target)' 2>/dev/null")
                default:
                    // Lines of a file deleted before the agent committed them are gone with it (a crash
                    // right after would lose them): the agent has caught up before the deletion here.
                    try live.poll()
                    scene.wall += 10_000  // a file shorter than a fingerprint is read once it has settled
                    try live.poll()
                    try live.checkpoint()
                    _ = unlink(scene.path("app.log"))
                }
            case .crash:
                (live, store) = try scene.ingest()
            }
            if getenv("DRIFT_TAIL_DEBUG") != nil {
                let files = (try? PathExpansion.expand([scene.directory + "/app*"])) ?? []
                print(
                    "step \(step) \(operation) written \(scene.written) counted \(live.counters.counted) files \(files.map { $0.split(separator: "/").last ?? "" }) notices \(live.takeNotices())"
                )
            }
        }
        if partialOpen {
            scene.append("app.log", 0, partial: "\"model\":\"m\",\"features\":{\"x\":1}}\n")
            scene.written += 1
        }
        scene.wall += 60_000  // files still shorter than a fingerprint are read once they have settled
        try live.poll()
        scene.wall += 60_000
        try live.poll()
        try live.checkpoint()
        let rows = try LiveIngestTests.Scene.rows(store)
        let problems = try CounterCheck.problems(store: store)
        let counters = try store.counters()
        let badWritten = scene.bad.values.reduce(0, +)
        let byReason = Dictionary(uniqueKeysWithValues: counters.badLinesByReason.map { ($0.reason, $0.count) })
        let countersMatch =
            counters.totalLines == Int64(scene.written) + badWritten && counters.badLines == badWritten
            && byReason == scene.bad
        if record {
            #expect(
                rows == Int64(scene.written), "seed \(seed): \(rows) rows for \(scene.written) lines; trace \(trace)")
            #expect(firstProblem == nil, "seed \(seed): \(firstProblem ?? ""); trace \(trace)")
            #expect(problems.isEmpty, "seed \(seed): \(problems); trace \(trace)")
            #expect(
                countersMatch,
                "seed \(seed): \(counters) for \(scene.written) good lines and \(scene.bad) bad; trace \(trace)")
        }
        _ = system("rm -rf '\(scene.directory)'")
        return (rows == Int64(scene.written) && firstProblem == nil && problems.isEmpty && countersMatch, trace)
    }
}
