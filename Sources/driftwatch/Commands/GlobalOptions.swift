import ArgumentParser
import DriftAgent
import DriftIngest
import DriftStore

#if canImport(Glibc)
    import Glibc
#endif

/// The options every command shares: the configuration file and the state file.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("TOML configuration (docs/CONFIG.md); zero-config when absent.", valueName: "file"))
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "SQLite state file. Default: the config's `state`, else $STATE_DIRECTORY/driftwatch.db, else ./driftwatch.db.",
            valueName: "file"))
    var state: String?

    /// The configuration from `--config`, or the zero-config defaults.
    /// - Throws: ``ConfigError``.
    func loadConfiguration() throws -> Configuration {
        guard let config else { return .zeroConfig }
        return try ConfigurationLoader.load(path: config)
    }

    /// The state file: `--state`, else the config's `state`, else `$STATE_DIRECTORY/driftwatch.db`
    /// (the first directory when systemd lists several), else `./driftwatch.db`.
    func statePath(configuration: Configuration) -> String {
        if let state { return state }
        if let configured = configuration.state { return configured }
        if let directory = getenv("STATE_DIRECTORY").map({ String(cString: $0) }), !directory.isEmpty {
            let first = directory.split(separator: ":").first.map(String.init) ?? directory
            return first + "/driftwatch.db"
        }
        return "./driftwatch.db"
    }

    /// Opens the state file; for reading commands it must already exist.
    /// - Throws: ``CommandError/noStateFile(path:)``, ``StoreError``.
    func openStore(configuration: Configuration, mustExist: Bool) throws -> Store {
        let path = statePath(configuration: configuration)
        if mustExist, access(path, F_OK) != 0 { throw CommandError.noStateFile(path: path) }
        return try Store(path: path)
    }
}

/// An instant on the command line: RFC 3339 (`2026-11-01T00:00:00Z`), a date (`2026-11-01`, UTC
/// midnight) or epoch seconds/milliseconds (`1793491200`).
struct TimeArgument: ExpressibleByArgument {
    /// Epoch milliseconds UTC.
    var milliseconds: Int64

    init?(argument: String) {
        guard let value = Self.parse(argument) else { return nil }
        milliseconds = value
    }

    static func parse(_ text: String) -> Int64? {
        if let value = Timestamp.milliseconds(rfc3339: text) { return value }
        if text.count == 10, let value = Timestamp.milliseconds(rfc3339: text + "T00:00:00Z") { return value }
        if let number = Double(text), number.isFinite { return Timestamp.milliseconds(epoch: number) }
        return nil
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
