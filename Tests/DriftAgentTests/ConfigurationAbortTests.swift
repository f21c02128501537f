import DriftAgent
import Testing

/// Fuzzing regressions (Scripts/fuzz/run config): texts on which TOMLKit's parser (toml++) aborted
/// the process through a failed assertion now give a syntax error naming the file, line and
/// column; valid configurations that look similar still load.
struct ConfigurationAbortTests {
    /// Parses `text` and returns the syntax error's position and message, or `nil` if it parsed.
    private func syntaxError(_ text: String) -> (line: Int, column: Int, message: String)? {
        do {
            _ = try ConfigurationLoader.parse(text: text, path: "fuzz.toml")
            return nil
        } catch {
            guard case let .syntax(path, line, column, message) = error, path == "fuzz.toml" else {
                Issue.record("expected a syntax error, got \(error)")
                return nil
            }
            return (line, column, message)
        }
    }

    /// libFuzzer's inputs, each of which aborted `driftwatch check --config` (exit 134), with the
    /// position worked out by hand (1-based, columns in bytes).
    @Test func textsThatAbortedTOMLKitAreSyntaxErrors() {
        let cases: [(text: String, line: Int, column: Int, says: String)] = [
            ("[\0\0\0\0\0\0\0\0]\nwindow = \"1h\"\n", 1, 2, "NUL"),
            ("state = \"s.db\"\n[.\"fraud.v2\".overrides.a]\n", 2, 2, "table header"),
            ("[[[a]]]\n", 1, 3, "table header"),
            ("[=\n", 1, 2, "table header"),
            ("\u{FEFF}[\u{FFFD}do", 1, 5, "table header"),
            ("[models.churn]\ncategorical = [}\"country\"]\n", 2, 16, "'}'"),
            ("a = [1, }]\n", 1, 9, "'}'"),
            ("a = [\n# comment\n}]\n", 3, 1, "'}'"),
            ("a = {b = [}]}\n", 1, 11, "'}'"),
            ("a = [\u{2028}]\n", 1, 6, "line break"),
            ("a = [1,\u{85}]\n", 1, 8, "line break"),
            ("# a comment with a NUL \0\n", 1, 24, "NUL"),
            ("ta=0100-02-a= 0 ", 1, 4, "date"),
            ("d = 1979-05-27 7\n", 1, 5, "date"),
            ("d = [1979-05-27 7]\n", 1, 6, "date"),
            ("d = 1_979-05-27 0,\n", 1, 5, "date"),
            ("ta=0\u{418}00-02-a= 0 ", 1, 4, "date"),
        ]
        for (text, line, column, says) in cases {
            let error = syntaxError(text)
            #expect(
                error?.line == line && error?.column == column, "\(text.debugDescription): \(String(describing: error))"
            )
            #expect(error?.message.contains(says) == true, "\(text.debugDescription)")
        }
    }

    /// Brackets inside strings, comments and multi-line values are not table headers or arrays.
    @Test func similarValidTextsStillLoad() throws {
        let text = """
            \u{FEFF}# a BOM, then brackets in comments: [.x] [}]
            state = "s[.]}.db"
            baselines_dir = '[}'
            [defaults]
            window = "1h"
            [ models . "a.b" ]
            numeric = [
              "x", # [}
              "y",
            ]
            categorical = ['''z''']
            [models.c]
            numeric = ["\\"[}"]
            [models.d]
            numeric = ["1979-05-27 7"]  # in a string: not a value
            """
        let config = try ConfigurationLoader.parse(text: text, path: "ok.toml")
        #expect(config.state == "s[.]}.db")
        #expect(config.baselinesDirectory == "[}")
        #expect(config.models.map(\.name) == ["a.b", "c", "d"])
        #expect(config.models.first?.numeric == ["x", "y"])
        #expect(config.models.first?.categorical == ["z"])
        #expect(config.models[1].numeric == ["\"[}"])
        #expect(config.models.last?.numeric == ["1979-05-27 7"])
    }
}
