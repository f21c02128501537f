/// What is wrong with a configuration file, precisely: file, line, key path, expected and found.
public enum ConfigError: Error, Equatable, Sendable {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The file is not valid TOML.
    case syntax(path: String, line: Int, column: Int, message: String)
    /// A key that Driftwatch does not know (often a typo).
    case unknownKey(path: String, key: String, line: Int?, suggestion: String?)
    /// A value of the wrong TOML type.
    case wrongType(path: String, key: String, line: Int?, expected: String, found: String)
    /// A value of the right type but outside what is allowed.
    case invalidValue(path: String, key: String, line: Int?, expected: String, found: String)
}

extension ConfigError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "\(path): cannot read the configuration: \(reason)"
        case let .syntax(path, line, column, message):
            return "\(path):\(line):\(column): not valid TOML: \(message)"
        case let .unknownKey(path, key, line, suggestion):
            let hint = suggestion.map { " Did you mean '\($0)'?" } ?? ""
            return "\(where_(path, line)) unknown key '\(key)'.\(hint) See docs/CONFIG.md for every key."
        case let .wrongType(path, key, line, expected, found):
            return "\(where_(path, line)) '\(key)' must be \(expected), found \(found)."
        case let .invalidValue(path, key, line, expected, found):
            return "\(where_(path, line)) '\(key)': expected \(expected), found \(found)."
        }
    }

    private func where_(_ path: String, _ line: Int?) -> String {
        line.map { "\(path):\($0):" } ?? "\(path):"
    }
}
