import DriftAgent
import DriftTestSupport
import Foundation
import Testing

/// A hook script that its group or anyone can modify is refused — at config time with the line and
/// the fix, and at run time (the file may have been loosened since) without ever being executed.
struct HookPermissionTests {
    @Test func worldWritableHookIsRefusedAndNeverRun() throws {
        let directory = ScratchDirectory(prefix: "hookperm")
        let marker = directory.file("ran")
        let path = HookRunnerTests.script("touch '\(marker)'", named: "hook.sh", in: directory)
        chmod(path, 0o777)
        let outcome = HookRunner().run(argv: [path], input: [], environment: [:], timeoutMilliseconds: 5_000)
        #expect(outcome.termination == .spawnFailed(EPERM))
        #expect(String(decoding: outcome.stderr, as: UTF8.self).contains("chmod go-w"))
        #expect(!FileManager.default.fileExists(atPath: marker))

        chmod(path, 0o755)
        let allowed = HookRunner().run(argv: [path], input: [], environment: [:], timeoutMilliseconds: 5_000)
        #expect(allowed.succeeded)
        #expect(FileManager.default.fileExists(atPath: marker))
    }

    @Test func groupWritableHookIsAConfigError() throws {
        let directory = ScratchDirectory(prefix: "hookperm")
        let path = HookRunnerTests.script("exit 0", named: "alert.sh", in: directory)
        chmod(path, 0o775)
        let text = "[hooks]\nalert = [\"\(path)\"]\n"
        #expect {
            _ = try ConfigurationLoader.parse(text: text, path: "c.toml")
        } throws: { error in
            "\(error)".contains("c.toml:2:") && "\(error)".contains("group- or world-writable")
        }
    }
}
