// driftwatch: the command line. Argument parsing, validation, printing and exit codes only; every
// piece of work is done by DriftAgent.

import ArgumentParser

#if canImport(Glibc)
    import Glibc
#endif

@main
struct Driftwatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "driftwatch",
        abstract: "Watch production ML models for drift and degradation.",
        discussion: "Exit status: 0 success, 1 bad input or usage, 2 internal error (see docs/CLI.md).",
        subcommands: [
            DemoCommand.self, BaselineCommand.self, BackfillCommand.self, ReportCommand.self, StatusCommand.self,
            CheckCommand.self, DecisionsCommand.self, ExplainCommand.self, ApproveCommand.self, JobCommand.self,
            RunCommand.self, PruneCommand.self,
        ]
    )

    /// Parses, runs, and maps every failure to a message on stderr and the documented exit status.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            Glibc.exit(Failure.report(error))
        }
    }
}
