import DriftTestSupport
import Foundation
import Testing

/// Hooks through the real binary (`backfill --fire` over the demo log, whose drift makes two
/// `retrain` decisions, the first of which fires): a secret in driftwatch's environment reaches
/// the hook but never driftwatch's output or the state file, and the argv reaches the hook
/// verbatim — `$(…)`, `;` and backticks are never interpreted by a shell.
struct HookSecurityTests {
    static let secret = "s3cr3t-token-8f2c41"
    static let hostile = ["$(touch pwned-substitution)", "; touch pwned-semicolon", "`touch pwned-backtick`"]

    @Test func secretsReachTheHookOnlyAndArgvIsNeverShellInterpreted() throws {
        let directory = ScratchDirectory(prefix: "hooks")
        let root = DriftwatchProcess.root
        var config = try String(contentsOfFile: DriftwatchProcess.fixture("demo.toml"), encoding: .utf8)
        config = config.replacingOccurrences(
            of: "baselines_dir = \"Baselines\"", with: "baselines_dir = \"\(root)/Baselines\"")
        // The hook records its argv (after the script) and the secret it saw, then reports a job.
        let script =
            "cat > /dev/null; printf '%s\\n' \"$@\" > argv.txt; printf '%s' \"$DRIFT_TEST_TOKEN\" > secret.txt; "
            + "echo '{\"job_id\":\"j1\",\"cost\":1}'"
        let argv = (["/bin/sh", "-c", script, "hook"] + Self.hostile).map { argument in
            "\"" + argument.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                + "\""
        }
        config += "\n[hooks]\nretrain = [\(argv.joined(separator: ", "))]\n"
        directory.write(config, to: "c.toml")

        let imported = try DriftwatchProcess.run(
            ["baseline", "import", "--config", "c.toml", "--state", "s.db", "\(root)/Baselines/fraud.json"],
            in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        let run = try DriftwatchProcess.run(
            [
                "backfill", "--config", "c.toml", "--state", "s.db", "--fire",
                DriftwatchProcess.fixture("demo/predictions.jsonl"),
            ],
            in: directory, environment: ["DRIFT_TEST_TOKEN": Self.secret])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("retrains that fired: 1"), "\(run.stdout)")

        // The hook saw the secret and its argv exactly; no shell ran the hostile arguments.
        #expect(try String(contentsOfFile: directory.file("secret.txt"), encoding: .utf8) == Self.secret)
        #expect(
            try String(contentsOfFile: directory.file("argv.txt"), encoding: .utf8) == Self.hostile.joined(
                separator: "\n") + "\n")
        for name in ["pwned-substitution", "pwned-semicolon", "pwned-backtick"] {
            #expect(!FileManager.default.fileExists(atPath: directory.file(name)), "\(name) was created by a shell")
        }

        // Nothing driftwatch wrote holds the secret: its output, the decision log, the state file.
        let decisions = try DriftwatchProcess.run(
            ["decisions", "--config", "c.toml", "--state", "s.db", "--format", "json"], in: directory)
        #expect(decisions.status == 0, "\(decisions.stderr)")
        for text in [run.stdout, run.stderr, decisions.stdout, decisions.stderr] {
            #expect(!text.contains(Self.secret))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("s.db") }
        #expect(names.contains("s.db"))
        for name in names {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: directory.file(name)))
            #expect(bytes.range(of: Data(Self.secret.utf8)) == nil, "\(name) holds the secret")
        }
    }
}
