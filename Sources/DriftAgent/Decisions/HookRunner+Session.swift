#if canImport(Glibc)
    import Glibc
#endif

extension HookRunner {
    /// One running hook: its pipes, the input still to write, the output kept so far.
    ///
    /// A single thread multiplexes the three pipes with `poll(2)` and checks the child with
    /// `waitpid(WNOHANG)` between polls (at most every 20 ms), so no pipe can fill up and block
    /// either side.
    struct Session {
        let pid: pid_t
        var stdin: Int32
        var stdout: Int32
        var stderr: Int32
        let input: [UInt8]
        var written = 0
        let limit: Int
        var outcome = Outcome(termination: .exited(0))
        var status: Int32?
        var timedOut = false

        init(pid: pid_t, stdin: Int32, stdout: Int32, stderr: Int32, input: [UInt8], limit: Int) {
            self.pid = pid
            self.stdin = stdin
            self.stdout = stdout
            self.stderr = stderr
            self.input = input
            self.limit = limit
            for fd in [stdin, stdout, stderr] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
            if input.isEmpty { closeInput() }
        }

        /// Runs the session to its end and returns the outcome.
        mutating func drive(timeout: Int64, grace: Int64, linger: Int64) -> Outcome {
            let start = Self.monotonicMilliseconds()
            var killAt: Int64?
            var exitedAt: Int64?
            while true {
                let now = Self.monotonicMilliseconds()
                reap()
                if status != nil {
                    if stdout < 0 && stderr < 0 { break }
                    if exitedAt == nil { exitedAt = now }
                    if let exitedAt, now - exitedAt >= linger {
                        kill(-pid, SIGKILL)  // what it left behind holds our pipes
                        break
                    }
                } else if killAt == nil, now - start >= timeout {
                    timedOut = true
                    kill(-pid, SIGTERM)
                    killAt = now + grace
                } else if let deadline = killAt, now >= deadline {
                    kill(-pid, SIGKILL)
                    killAt = Int64.max
                }
                pump(waitMilliseconds: 20)
            }
            if timedOut { kill(-pid, SIGKILL) }
            closeInput()
            for fd in [stdout, stderr] where fd >= 0 { close(fd) }
            if timedOut {
                outcome.termination = .timedOut
            } else if let status {
                let signal = status & 0x7f
                outcome.termination = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
            }
            return outcome
        }

        private mutating func reap() {
            guard status == nil else { return }
            var raw: Int32 = 0
            let result = waitpid(pid, &raw, WNOHANG)
            if result == pid { status = raw } else if result < 0 && errno != EINTR { status = raw }
        }

        /// Waits up to `waitMilliseconds` for a pipe to be ready, then writes and reads what it can.
        private mutating func pump(waitMilliseconds: Int32) {
            var fds: [pollfd] = []
            if stdin >= 0 { fds.append(pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0)) }
            if stdout >= 0 { fds.append(pollfd(fd: stdout, events: Int16(POLLIN), revents: 0)) }
            if stderr >= 0 { fds.append(pollfd(fd: stderr, events: Int16(POLLIN), revents: 0)) }
            guard !fds.isEmpty else {
                usleep(UInt32(waitMilliseconds) * 1000)
                return
            }
            let ready = poll(&fds, nfds_t(fds.count), waitMilliseconds)
            guard ready > 0 else { return }
            for entry in fds where entry.revents != 0 {
                if entry.fd == stdin {
                    writeInput()
                } else {
                    readOutput(entry.fd)
                }
            }
        }

        private mutating func writeInput() {
            while written < input.count {
                let count = input[written...].withUnsafeBytes { write(stdin, $0.baseAddress, $0.count) }
                if count > 0 {
                    written += count
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    if count < 0 && errno == EAGAIN { return }
                    break  // EPIPE: the hook closed its input without reading it all; that is its right
                }
            }
            closeInput()
        }

        private mutating func closeInput() {
            if stdin >= 0 { close(stdin) }
            stdin = -1
        }

        private mutating func readOutput(_ fd: Int32) {
            var buffer = [UInt8](repeating: 0, count: 16 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    keep(buffer[0..<count], fromStdout: fd == stdout)
                    continue
                }
                if count < 0 && errno == EINTR { continue }
                if count < 0 && errno == EAGAIN { return }
                close(fd)  // end of file, or an error: either way this stream is over
                if fd == stdout { stdout = -1 } else { stderr = -1 }
                return
            }
        }

        private mutating func keep(_ bytes: ArraySlice<UInt8>, fromStdout: Bool) {
            let kept = fromStdout ? outcome.stdout.count : outcome.stderr.count
            let room = max(0, limit - kept)
            let taken = bytes.prefix(room)
            if fromStdout {
                outcome.stdout += taken
                outcome.stdoutDropped += bytes.count - taken.count
            } else {
                outcome.stderr += taken
                outcome.stderrDropped += bytes.count - taken.count
            }
        }

        static func monotonicMilliseconds() -> Int64 {
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
        }
    }
}
