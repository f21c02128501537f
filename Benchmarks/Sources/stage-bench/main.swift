// stage-bench: the backfill hot path one stage at a time, on a generated prediction log.
//
//   stage-bench LOG STATE [--repeat N]
//
// LOG is a JSON-lines prediction log (Scripts/bench/generate_logs.py); STATE a Driftwatch state
// file holding the model's baseline (`driftwatch baseline create`), left untouched: the stages
// run on copies. Each stage is one pass over the whole file (in the page cache after
// the first), timed by CPU time of the process (so a loaded machine stretches wall time but not
// the figure) and by wall time; the fastest of N passes is printed. Each stage includes the
// ones before it:
//   read    ByteSource reads the file in 1 MiB chunks (read(2))
//   split   + LineSplitter (memchr for newlines)
//   scan    + JSONScanner: full validation, field and member extraction (zero-config layout)
//   fold    + the window fold: event time, stream, window, every feature's sketches, profiles
//           built at the end (WindowFolder: WindowAggregator without the store or the scorer)
//   full    `Backfill.run` into a copy of STATE: everything above, plus SQLite and scores
// Then the time to score one window: WindowScorer.scores on each stored window of the full run
// against the baseline (25 features), fastest pass.

import DriftAgent
import DriftCore
import DriftIngest
import DriftStore

#if canImport(Glibc)
    import Glibc
#endif

/// CPU seconds used by this process so far.
func cpuSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// Wall-clock seconds (monotonic).
func wallSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

struct Timing {
    var cpu = Double.infinity
    var wall = Double.infinity
    var lines = 0
}

func fail(_ message: String) -> Never {
    let text = "stage-bench: \(message)\n"
    _ = text.withCString { write(2, $0, strlen($0)) }
    exit(1)
}

/// Copies the file at `from` to `to` (a fresh state for each full backfill).
func copyFile(_ from: String, _ to: String) {
    guard let input = fopen(from, "rb") else { fail("cannot read \(from)") }
    defer { fclose(input) }
    unlink(to)
    unlink(to + "-wal")
    unlink(to + "-shm")
    guard let output = fopen(to, "wb") else { fail("cannot write \(to)") }
    defer { fclose(output) }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, input) }
        if count == 0 { break }
        _ = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, count, output) }
    }
}

/// Runs `body` once per pass, keeping the fastest CPU and wall time; `body` returns the lines seen.
func measure(_ passes: Int, _ body: () throws -> Int) rethrows -> Timing {
    var best = Timing()
    for _ in 0..<passes {
        let (cpu0, wall0) = (cpuSeconds(), wallSeconds())
        best.lines = try body()
        best.cpu = min(best.cpu, cpuSeconds() - cpu0)
        best.wall = min(best.wall, wallSeconds() - wall0)
    }
    return best
}

/// Every line of the file, through ByteSource and LineSplitter.
func eachLine(_ path: String, split: Bool = true, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
    let source = try ByteSource(path: path)
    var splitter = LineSplitter()
    var failure: Error?
    var bytes = 0
    while true {
        let more = try source.read { chunk in
            bytes &+= chunk.count
            guard split else { return }
            splitter.feed(chunk) { line in
                guard failure == nil else { return }
                do { try body(line.bytes) } catch { failure = error }
            }
        }
        if let failure { throw failure }
        if !more { break }
    }
    splitter.finish { line in
        guard failure == nil else { return }
        do { try body(line.bytes) } catch { failure = error }
    }
    if let failure { throw failure }
    return split ? splitter.lineCount : bytes
}

var arguments = Array(CommandLine.arguments.dropFirst())
var passes = 3
if let flag = arguments.firstIndex(of: "--repeat") {
    guard flag + 1 < arguments.count, let count = Int(arguments[flag + 1]), count > 0 else { fail("--repeat N") }
    passes = count
    arguments.removeSubrange(flag...(flag + 1))
}
guard arguments.count == 2 else { fail("usage: stage-bench LOG STATE [--repeat N]") }
let (logPath, statePath) = (arguments[0], arguments[1])
var info = stat()
guard stat(logPath, &info) == 0 else { fail("no file \(logPath)") }
let bytes = Double(info.st_size)
let configuration = Configuration.zeroConfig
let layout = (
    fields: ["ts", "model", "version", "id", "prediction", "label"].compactMap(FieldPath.init),
    members: [FieldPath("features")].compactMap { $0 }
)

do {
    var results: [(String, Timing)] = []
    // The first pass also brings the file into the page cache.
    results.append(
        ("read (ByteSource, 1 MiB read(2))", try measure(passes + 1) { try eachLine(logPath, split: false) { _ in } }))
    let lineCount = try eachLine(logPath) { _ in }
    var read = results[0].1
    read.lines = lineCount
    results[0].1 = read
    results.append(("+ split (LineSplitter, memchr)", try measure(passes) { try eachLine(logPath) { _ in } }))
    let scanner = JSONScanner(fields: layout.fields, members: layout.members)
    var fields = scanner.makeFields()
    var good = 0
    results.append(
        (
            "+ scan (JSONScanner: validate, extract)",
            try measure(passes) {
                try eachLine(logPath) { line in if scanner.scan(line, into: &fields) == .ok { good &+= 1 } }
            }
        ))
    // The fold reads the baseline from a copy: opening a state may migrate its schema.
    let foldState = "/tmp/stage-bench-fold-\(getpid()).db"
    copyFile(statePath, foldState)
    defer {
        for suffix in ["", "-wal", "-shm"] { unlink(foldState + suffix) }
    }
    let readOnly = try Store(path: foldState)
    var windows = 0
    results.append(
        (
            "+ fold (event time, window, sketches, profiles)",
            try measure(passes) {
                var folder = try WindowFolder(configuration: configuration, store: readOnly)
                let lines = try eachLine(logPath) { line in _ = try folder.fold(line) }
                windows = folder.closeAll()
                return lines
            }
        ))
    let fullState = "/tmp/stage-bench-\(getpid()).db"
    defer {
        for suffix in ["", "-wal", "-shm"] { unlink(fullState + suffix) }
    }
    results.append(
        (
            "+ SQLite and scores (Backfill.run, end to end)",
            try measure(passes) {
                copyFile(statePath, fullState)
                let store = try Store(path: fullState)
                let reports = try Backfill(configuration: configuration, store: store, now: { 0 }).run(
                    Backfill.Options(inputs: [logPath]))
                return Int(reports.reduce(0) { $0 + $1.lines })
            }
        ))

    print("file: \(logPath), \(lineCount) lines, \(Int(bytes)) bytes, \(windows) windows; fastest of \(passes) passes")
    print("| stage | CPU s | wall s | lines/s (CPU) | MB/s (CPU) |")
    print("|---|---:|---:|---:|---:|")
    for (name, timing) in results {
        let linesPerSecond = Double(timing.lines) / timing.cpu
        let megabytesPerSecond = bytes / timing.cpu / 1e6
        print(
            "| \(name) | \(String(format3: timing.cpu)) | \(String(format3: timing.wall)) | \(Int(linesPerSecond)) | \(Int(megabytesPerSecond)) |"
        )
    }

    // Scoring one window: every stored window of the full run against the baseline.
    let store = try Store(path: fullState)
    let stored = try store.windows(model: nil, since: nil, until: nil)
    guard let first = stored.first else { fail("the full run stored no window") }
    let model = configuration.model(named: first.key.model)
    guard let baselineBlob = try store.currentBaseline(model: first.key.model) else {
        fail("no baseline in \(statePath)")
    }
    let baseline = try Profile(decoding: baselineBlob.profile)
    let profiles = try stored.map { try Profile(decoding: $0.profile) }
    var scores = 0
    let scoring = measure(passes) {
        for profile in profiles {
            scores &+= WindowScorer.scores(profile: profile, baseline: baseline, model: model).count
        }
        return profiles.count
    }
    let features = profiles.first?.featureNames.count ?? 0
    print("")
    print(
        "scoring one window (\(features) features, \(Int(profiles.first?.rows ?? 0)) rows, against the baseline): "
            + "\(String(format3: scoring.cpu / Double(profiles.count) * 1000)) ms CPU "
            + "(mean over \(profiles.count) stored windows, fastest pass)")
} catch {
    fail("\(error)")
}

extension String {
    /// `value` with three decimals (no Foundation).
    init(format3 value: Double) {
        let scaled = (value * 1000).rounded()
        let whole = Int(scaled / 1000)
        let fraction = Int(abs(scaled).truncatingRemainder(dividingBy: 1000))
        let padded = String(fraction)
        self = "\(whole).\(String(repeating: "0", count: 3 - padded.count))\(padded)"
    }
}
