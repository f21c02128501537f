#if canImport(Glibc)
    import Glibc
#endif

/// This process's environment variables, read once per call from `environ`.
public enum ProcessEnvironment {
    /// Every variable (a later duplicate of a name wins).
    /// - Complexity: O(n) in the number of variables.
    public static func current() -> [String: String] {
        var result: [String: String] = [:]
        let start: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = environ
        guard var cursor = start else { return result }
        while let entry = cursor.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            cursor += 1
        }
        return result
    }
}
