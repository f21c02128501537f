import ArgumentParser

@main
struct Driftwatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "driftwatch",
        abstract: "Watch production ML models for drift and degradation.",
        subcommands: []
    )
}
