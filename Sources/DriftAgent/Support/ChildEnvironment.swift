#if canImport(Glibc)
    import Glibc
#endif

/// The environment a hook script (or any child process) runs with: the agent's own, minus the
/// variables through which systemd talks to the agent alone.
///
/// A child that inherited `NOTIFY_SOCKET` could send `READY=1` or `STOPPING=1` on the agent's
/// behalf, and one that inherited `WATCHDOG_USEC` might ping the watchdog for a hung agent. This
/// lives in DriftAgent (not DriftService) so that the hook runner, which sits below the service,
/// can use it.
public enum ChildEnvironment {
    /// The variables removed: systemd's notify socket and watchdog settings.
    public static let removedKeys: Set<String> = ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"]

    /// `environment` without ``removedKeys``.
    /// - Complexity: O(n) in the number of variables.
    public static func scrubbing(_ environment: [String: String]) -> [String: String] {
        environment.filter { !removedKeys.contains($0.key) }
    }

    /// This process's environment without ``removedKeys``: what to hand to a child process.
    /// - Complexity: O(n) in the number of variables.
    public static func forChildProcesses() -> [String: String] {
        scrubbing(current())
    }

    /// This process's environment, read from `environ` (a later duplicate of a name wins).
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
