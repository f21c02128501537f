import ArgumentParser
import DriftAgent
import DriftStore

/// `driftwatch check`: validates a configuration and, with `--state`, every stored profile.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a configuration file (line, key and what was expected) and, with --state, a state file.",
        discussion: "Exit status 1 names the first problem found.")

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if global.config == nil && global.state == nil {
            throw ValidationError("give --config FILE, --state FILE, or both")
        }
    }

    func run() throws {
        let configuration = try global.loadConfiguration()
        if let path = global.config {
            let names = configuration.models.map(\.name)
            let list = names.isEmpty ? "any model in the logs uses [defaults]" : names.joined(separator: ", ")
            print("ok: \(path): \(names.count) model\(names.count == 1 ? "" : "s") (\(list))")
        }
        guard let state = global.state else { return }
        let summary: StateCheck.Summary
        do {
            let store = try global.openStore(configuration: configuration, mustExist: true)
            summary = try StateCheck.run(store: store)
        } catch let error as AgentError {
            throw CommandError.corruptState(path: state, cause: error)
        } catch let error as StoreError where error.category == .corrupt {
            throw CommandError.damagedState(path: state, cause: error)
        }
        print(
            "ok: \(state): \(summary.models) models, \(summary.windows) window profiles and "
                + "\(summary.baselines) baselines decode")
        let counters = summary.counters
        print(
            "ok: \(state): line counters of \(counters.files) source file\(counters.files == 1 ? "" : "s") agree "
                + "(\(counters.lines) lines, \(counters.badLines) bad)")
    }
}
