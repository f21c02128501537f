#if canImport(Glibc)
    import Glibc
#endif

/// Expands command-line inputs: `-` (stdin) and plain paths as given, glob patterns to the sorted
/// files they match.
public enum PathExpansion {
    /// The inputs `patterns` name, in order, globs expanded and sorted.
    /// - Throws: ``AgentError/noMatch(pattern:)`` for a glob that matches nothing.
    public static func expand(_ patterns: [String]) throws -> [String] {
        var paths: [String] = []
        for pattern in patterns {
            guard pattern != "-", pattern.contains(where: { "*?[".contains($0) }) else {
                paths.append(pattern)
                continue
            }
            var result = glob_t()
            defer { globfree(&result) }
            guard glob(pattern, 0, nil, &result) == 0 else { throw AgentError.noMatch(pattern: pattern) }
            var matched: [String] = []
            for index in 0..<Int(result.gl_pathc) {
                if let cString = result.gl_pathv[index] { matched.append(String(cString: cString)) }
            }
            paths += matched.sorted()
        }
        return paths
    }
}
