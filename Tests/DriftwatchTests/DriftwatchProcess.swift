import DriftTestSupport
import Foundation
import Testing

/// Runs the built `driftwatch` binary and captures its exit status and output.
///
/// The binary sits next to the test bundle (`swift build --build-tests` builds every target into
/// the same directory); `DRIFTWATCH_BINARY` overrides the location.
struct DriftwatchProcess {
    /// What one run produced.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The repository root, from this file's path.
    static let root: String = {
        var components = URL(fileURLWithPath: #filePath).pathComponents
        components.removeLast(3)
        return components.joined(separator: "/").replacingOccurrences(of: "//", with: "/")
    }()

    /// `Fixtures/<name>` as an absolute path.
    static func fixture(_ name: String) -> String { root + "/Fixtures/" + name }

    /// The binary: `$DRIFTWATCH_BINARY`, else next to the running test bundle, else `.build/debug/driftwatch`.
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["DRIFTWATCH_BINARY"] { return path }
        let running = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let sibling = running.deletingLastPathComponent().appendingPathComponent("driftwatch").path
        if FileManager.default.isExecutableFile(atPath: sibling) { return sibling }
        return root + "/.build/debug/driftwatch"
    }()

    /// Runs `driftwatch arguments…` in `directory` with `environment` added to (or, for `nil`
    /// values, removed from) this process's environment.
    static func run(
        _ arguments: [String], in directory: ScratchDirectory, environment: [String: String?] = [:]
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        var variables = ProcessInfo.processInfo.environment
        variables["STATE_DIRECTORY"] = nil
        for (name, value) in environment { variables[name] = value }
        process.environment = variables
        let out = directory.file("stdout-\(UUID().uuidString)")
        let err = directory.file("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        let outHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        let stdout = try String(contentsOfFile: out, encoding: .utf8)
        let stderr = try String(contentsOfFile: err, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: out)
        try? FileManager.default.removeItem(atPath: err)
        return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// Lists the decisions of `directory/s.db` as JSON, then completes the fired retrain's job as
    /// `succeeded` at `cost` with model version 3.3.0: the decisions, the fired one's id and the
    /// `job complete` run.
    static func completeFiredJob(config: String, cost: String, in directory: ScratchDirectory) throws -> (
        decisions: [[String: Any]], fired: Int, complete: Result
    ) {
        let listed = try run(["decisions", "--config", config, "--state", "s.db", "--format", "json"], in: directory)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
        let decisions = try #require(root["decisions"] as? [[String: Any]])
        let fired = try #require(decisions.first { $0["action"] as? String == "fired" }?["id"] as? Int)
        let complete = try run(
            [
                "job", "complete", "--config", config, "--state", "s.db", "driftwatch-fire-\(fired)", "--status",
                "succeeded", "--cost", cost, "--model-version", "3.3.0",
            ], in: directory)
        return (decisions, fired, complete)
    }
}
