#if canImport(Glibc)
    import Glibc
#endif

/// Runs a hook executable directly (never through a shell), with bounded time and output.
///
/// The process is started with `posix_spawn` in a new session (`POSIX_SPAWN_SETSID`), so its pid
/// is also its process group: a timeout sends SIGTERM to the whole group, then SIGKILL after
/// ``killGraceMilliseconds``, which reaches every grandchild that did not start a session of its
/// own. Every signal disposition is reset to the default and the signal mask cleared in the child.
/// The event is written to the hook's standard input while its output is read (no deadlock on
/// full pipes); a hook that never reads its input gets EPIPE on our side, which is ignored
/// (SIGPIPE is ignored in this process, so it cannot take the agent down). At most
/// ``outputLimit`` bytes of each of stdout and stderr are kept; the rest is read and counted.
/// When the hook exits but something it started keeps the output pipes open, that group is
/// killed after ``lingerMilliseconds``.
public struct HookRunner: Sendable {
    /// How a run ended.
    public enum Termination: Sendable, Equatable {
        /// The hook exited with this status.
        case exited(Int32)
        /// A signal ended the hook (not one we sent for a timeout).
        case signaled(Int32)
        /// The timeout passed; the process group was killed.
        case timedOut
        /// The executable could not be started (`errno`).
        case spawnFailed(Int32)
    }

    /// What a run produced.
    public struct Outcome: Sendable, Equatable {
        /// How it ended.
        public var termination: Termination
        /// The first ``HookRunner/outputLimit`` bytes of standard output.
        public var stdout: [UInt8] = []
        /// The first ``HookRunner/outputLimit`` bytes of standard error.
        public var stderr: [UInt8] = []
        /// Standard-output bytes read beyond the limit.
        public var stdoutDropped = 0
        /// Standard-error bytes read beyond the limit.
        public var stderrDropped = 0

        /// Whether the hook exited with status 0.
        public var succeeded: Bool { termination == .exited(0) }
    }

    /// Bytes kept of each output stream.
    public var outputLimit: Int
    /// Time between SIGTERM and SIGKILL on a timeout.
    public var killGraceMilliseconds: Int64
    /// How long output pipes may stay open after the hook exited.
    public var lingerMilliseconds: Int64

    /// The environment hooks start from; `nil` (the default) for this process's environment.
    public var baseEnvironment: [String: String]?

    /// Why the executable at `path` must not be run, or nil: a hook script (or its directory) that
    /// its group or anyone else can write is refused, since whoever can write it can run code as the
    /// agent. Bare names (looked up in `PATH`) are not checked here.
    public static func unsafeExecutable(_ path: String) -> String? {
        guard path.contains("/") else { return nil }
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }  // a missing file fails at spawn, with its errno
        if info.st_mode & (S_IWGRP | S_IWOTH) != 0 {
            return
                "\(path) is group- or world-writable (mode \(String(info.st_mode & 0o777, radix: 8))); run `chmod go-w \(path)`"
        }
        let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        var parent = stat()
        if !directory.isEmpty, stat(directory, &parent) == 0, parent.st_mode & S_IWOTH != 0,
            parent.st_mode & S_ISVTX == 0
        {
            return "its directory \(directory) is world-writable without the sticky bit; anyone could replace it"
        }
        return nil
    }

    /// Environment variables never passed to a hook (systemd's, which belong to the agent alone).
    public static let scrubbedVariables: Set<String> = [
        "NOTIFY_SOCKET", "WATCHDOG_PID", "WATCHDOG_USEC", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES",
    ]

    /// Creates a runner with the given limits (64 KiB of output per stream by default).
    public init(outputLimit: Int = 64 * 1024, killGraceMilliseconds: Int64 = 2_000, lingerMilliseconds: Int64 = 500) {
        self.outputLimit = outputLimit
        self.killGraceMilliseconds = killGraceMilliseconds
        self.lingerMilliseconds = lingerMilliseconds
    }

    /// Runs `argv` with `input` on its standard input.
    ///
    /// - Parameters:
    ///   - argv: the executable (a path, or a name looked up in `PATH`) and its arguments, passed as is.
    ///   - input: written to the hook's standard input, which is then closed.
    ///   - environment: added to this process's environment (minus ``scrubbedVariables``).
    ///   - timeoutMilliseconds: when the process group is killed.
    /// - Returns: how it ended and its captured output. Never throws: a failure to start is an outcome.
    public func run(
        argv: [String], input: [UInt8], environment: [String: String], timeoutMilliseconds: Int64
    ) -> Outcome {
        precondition(!argv.isEmpty, "a hook needs an executable")
        if let problem = Self.unsafeExecutable(argv[0]) {
            return Outcome(
                termination: .spawnFailed(EPERM), stderr: Array("driftwatch refused to run it: \(problem)\n".utf8))
        }
        signal(SIGPIPE, SIG_IGN)
        // Socket pairs rather than pipes: created close-on-exec atomically (pipe2 is hidden behind
        // _GNU_SOURCE), so a hook spawned concurrently never inherits another hook's descriptors.
        var pipes = [Int32](repeating: -1, count: 6)  // stdin r/w, stdout r/w, stderr r/w
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        for i in 0..<3 {
            var pair: [Int32] = [-1, -1]
            let ok = socketpair(AF_UNIX, type, 0, &pair) == 0
            pipes[2 * i] = pair[0]
            pipes[2 * i + 1] = pair[1]
            if !ok {
                let code = errno
                for fd in pipes where fd >= 0 { close(fd) }
                return Outcome(termination: .spawnFailed(code))
            }
        }
        let spawned = spawn(argv: argv, environment: environment, stdin: pipes[0], stdout: pipes[3], stderr: pipes[5])
        close(pipes[0])
        close(pipes[3])
        close(pipes[5])
        guard case .success(let pid) = spawned else {
            close(pipes[1])
            close(pipes[2])
            close(pipes[4])
            if case .failure(let code) = spawned { return Outcome(termination: .spawnFailed(code.value)) }
            return Outcome(termination: .spawnFailed(0))
        }
        var session = Session(
            pid: pid, stdin: pipes[1], stdout: pipes[2], stderr: pipes[4], input: input, limit: outputLimit)
        return session.drive(
            timeout: timeoutMilliseconds, grace: killGraceMilliseconds, linger: lingerMilliseconds)
    }

    struct SpawnError: Error { var value: Int32 }

    private func spawn(
        argv: [String], environment: [String: String], stdin: Int32, stdout: Int32, stderr: Int32
    ) -> Result<pid_t, SpawnError> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t()
        sigfillset(&all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        let setsid: Int32 = 0x80  // POSIX_SPAWN_SETSID (glibc ≥ 2.26; hidden behind _GNU_SOURCE)
        posix_spawnattr_setflags(&attributes, Int16(setsid | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let env = Self.environment(base: baseEnvironment ?? Self.processEnvironment(), adding: environment)
        var pid: pid_t = 0
        let code = withCStrings(argv) { argvPointer in
            withCStrings(env) { envPointer in
                argv[0].contains("/")
                    ? posix_spawn(&pid, argv[0], &actions, &attributes, argvPointer, envPointer)
                    : posix_spawnp(&pid, argv[0], &actions, &attributes, argvPointer, envPointer)
            }
        }
        return code == 0 ? .success(pid) : .failure(SpawnError(value: code))
    }

    /// `base` without ``scrubbedVariables``, with `additions` set, as sorted `NAME=value` strings.
    static func environment(base: [String: String], adding additions: [String: String]) -> [String] {
        var variables = base
        for name in scrubbedVariables { variables[name] = nil }
        variables.merge(additions) { _, new in new }
        return variables.keys.sorted().map { "\($0)=\(variables[$0] ?? "")" }
    }

    /// This process's environment.
    static func processEnvironment() -> [String: String] {
        var variables: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                variables[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return variables
    }
}

/// Calls `body` with a NULL-terminated C array of copies of `strings`, freed afterwards.
private func withCStrings<T>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> T) -> T {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    return body(pointers)
}
