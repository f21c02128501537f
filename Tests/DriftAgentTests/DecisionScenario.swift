import DriftAgent
import DriftCore
import DriftStore
import DriftTestSupport
import Foundation

/// A state file with hand-made windows and primary verdicts, and an engine over it.
///
/// Windows are written straight into the store (no log replay): `drifted` of four features
/// `f0…f3` get a `drift` primary verdict, the others `ok`. Hours count from 2026-11-01T00:00Z.
final class DecisionScenario {
    static let hour: Int64 = 3_600_000
    static let start: Int64 = 1_793_491_200_000

    let directory: ScratchDirectory
    let path: String
    var store: Store
    var configuration: Configuration
    var engine: DecisionEngine

    init(_ toml: String, directory: ScratchDirectory = ScratchDirectory(prefix: "decisions")) throws {
        self.directory = directory
        path = directory.file("state.db")
        store = try Store(path: path)
        configuration = try ConfigurationLoader.parse(text: toml, path: "test.toml")
        engine = DecisionEngine(configuration: configuration, sleep: { _ in })
    }

    /// Reopens the state file, as a restarted agent does.
    func reopen() throws {
        store = try Store(path: path)
        engine = DecisionEngine(configuration: configuration, sleep: { _ in })
    }

    /// The end of hour `hour`, epoch ms.
    static func end(_ hour: Int) -> Int64 { start + Int64(hour + 1) * Self.hour }

    /// Stores window `hour` of `model`.
    @discardableResult
    func addWindow(
        _ hour: Int, drifted: Int, model: String = "m", rows: Int64 = 1000,
        binary: BinaryClassificationAccumulator? = nil
    ) throws -> StoredWindowKey {
        let key = StoredWindowKey(model: model, version: "1", startMs: Self.start + Int64(hour) * Self.hour)
        var profile = Profile()
        profile.rows = UInt64(rows)
        profile.binary = binary
        var batch = WindowBatch()
        batch.windows = [
            StoredWindow(
                key: key, endMs: key.startMs + Self.hour, rows: rows, lateRows: 0, profile: profile.encoded(),
                updatedMs: 0)
        ]
        batch.scores[key] = (0..<4).map { index in
            StoredScore(
                feature: "f\(index)", kind: "numeric", test: "psi", value: index < drifted ? 0.5 : 0.01, threshold: 0.1,
                pValue: nil, verdict: index < drifted ? "drift" : "ok", isPrimary: true)
        }
        try store.commit(batch)
        return key
    }

    /// Stores window `hour` and decides it, at the window's end in `fire` mode.
    @discardableResult
    func decide(
        _ hour: Int, drifted: Int, model: String = "m", mode: DecisionEngine.Mode = .fire, now: Int64? = nil
    ) throws -> StoredDecision? {
        let key = try addWindow(hour, drifted: drifted, model: model)
        return try engine.evaluate(closedWindows: [key], store: store, now: now ?? Self.end(hour), mode: mode).first
    }

    /// The reason codes of a decision.
    static func codes(_ decision: StoredDecision?) -> [String] {
        guard let decision else { return [] }
        return decision.reasons.split(separator: "\"code\":\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// An executable `/bin/sh` script in the scenario's directory.
    func script(_ body: String, named name: String) -> String {
        let path = directory.write("#!/bin/sh\n" + body + "\n", to: name)
        chmod(path, 0o755)
        return path
    }

    /// The lines a file-logger hook appended to `file` (empty when it never ran).
    func loggedEvents(_ file: String) -> [String] {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init)
    }

    /// The event names in logged event lines.
    static func eventNames(_ lines: [String]) -> [String] {
        lines.compactMap { line in
            line.split(separator: "\"event\":\"").dropFirst().first.map { String($0.prefix { $0 != "\"" }) }
        }
    }
}
