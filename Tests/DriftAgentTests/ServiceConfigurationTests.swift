import DriftAgent
import Testing

/// The keys `driftwatch run` reads: `checkpoint_interval` and the `[metrics]` table.
struct ServiceConfigurationTests {
    @Test func defaultsServeMetricsOnLoopbackAndCheckpointEveryFiveSeconds() throws {
        let config = try ConfigurationLoader.parse(text: "", path: "x.toml")
        #expect(config.checkpointIntervalMilliseconds == 5_000)
        #expect(config.metrics == MetricsConfiguration(isEnabled: true, address: "127.0.0.1", port: 9464))
    }

    @Test func metricsTableAndCheckpointIntervalAreRead() throws {
        let text = """
            checkpoint_interval = "2s"
            [metrics]
            enabled = false
            address = "::1"
            port = 9100
            """
        let config = try ConfigurationLoader.parse(text: text, path: "x.toml")
        #expect(config.checkpointIntervalMilliseconds == 2_000)
        #expect(config.metrics == MetricsConfiguration(isEnabled: false, address: "::1", port: 9100))
    }

    @Test(arguments: [
        ("[metrics]\nport = 70000\n", "metrics.port"),
        ("[metrics]\nenabled = \"yes\"\n", "metrics.enabled"),
        ("[metrics]\naddress = \"\"\n", "metrics.address"),
        ("[metrics]\nbind = \"0.0.0.0\"\n", "metrics.bind"),
        ("checkpoint_interval = \"soon\"\n", "checkpoint_interval"),
    ])
    func badValuesNameTheKey(text: String, key: String) {
        #expect {
            _ = try ConfigurationLoader.parse(text: text, path: "x.toml")
        } throws: { error in
            "\(error)".contains("'\(key)'")
        }
    }
}
