import ArgumentParser
import DriftAgent
import DriftIngest
import DriftService
import DriftStore

#if canImport(Glibc)
    import Glibc
#endif

/// Maps errors to messages and exit statuses: 0 success, 1 bad input or usage, 2 internal error.
enum Failure {
    /// Bad input or usage: the user can fix it.
    static let badInput: Int32 = 1
    /// Anything else: a bug, a damaged store, the system.
    static let internalError: Int32 = 2

    /// Prints `error` as the CLI does (help to stdout, errors to stderr) and returns the exit status.
    static func report(_ error: any Error) -> Int32 {
        if let code = exitStatus(ofDomainError: error) {
            printError("driftwatch: error: \(error)")
            return code
        }
        if let exit = error as? ExitCode { return exit.rawValue }
        let parserCode = Driftwatch.exitCode(for: error)
        if parserCode == .success {
            print(Driftwatch.fullMessage(for: error))
            return 0
        }
        var message = Driftwatch.fullMessage(for: error)
        if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
        if parserCode == .validationFailure {
            printError("driftwatch: error: \(message)")
            return badInput
        }
        printError("driftwatch: internal error: \(message)")
        return internalError
    }

    /// The status of an error of our own modules; `nil` for anything else.
    static func exitStatus(ofDomainError error: any Error) -> Int32? {
        switch error {
        case is ConfigError, is IngestError, is CommandError, is FileError, is DecisionError, is ServiceError:
            return badInput
        case let error as AgentError:
            switch error {
            case .noMatch, .noBaseline, .badBaselineFile, .noRows: return badInput
            case .corruptWindow, .corruptBaseline, .labelsUnmergeable, .windowsUnmergeable, .inconsistentCounters:
                return internalError
            }
        case let error as StoreError:
            switch error {
            case .notADatabase, .foreignDatabase, .schemaTooNew: return badInput
            default: break
            }
            switch error.category {
            case .cannotOpen, .readOnly: return badInput
            default: return internalError
            }
        default: return nil
        }
    }

    /// Writes `message` and a newline to standard error.
    static func printError(_ message: String) {
        var line = message
        if !line.hasSuffix("\n") { line += "\n" }
        writeStandardError(line)
    }

    /// Writes `text` to file descriptor 2 unbuffered (the C `stderr` global is not concurrency-safe).
    static func writeStandardError(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}

/// Errors of the command line itself: wrong values found only at run time.
enum CommandError: Error, CustomStringConvertible {
    /// A read command was pointed at a state file that does not exist.
    case noStateFile(path: String)
    /// An option value that could only be checked against the configuration.
    case usage(String)
    /// A state check found a damaged profile (wraps the agent's precise error).
    case corruptState(path: String, cause: AgentError)
    /// A state check found the SQLite file itself damaged (a page, a b-tree, an index).
    case damagedState(path: String, cause: StoreError)

    var description: String {
        switch self {
        case .noStateFile(let path):
            "no state file at \(path): run `driftwatch backfill` first, or pass --state FILE"
        case .usage(let message):
            message
        case .corruptState(let path, let cause):
            "\(path): \(cause)"
        case .damagedState(let path, .sqlite(_, _, _, let message)):
            "\(path) is damaged: \(message). Restore it from a backup; driftwatch never rewrites a damaged state file."
        case .damagedState(_, let cause):
            "\(cause)"
        }
    }
}
