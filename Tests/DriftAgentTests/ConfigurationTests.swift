import DriftAgent
import Testing

struct ConfigurationTests {
    @Test func demoConfigLoads() throws {
        let config = try ConfigurationLoader.parse(text: "[models.fraud]\nnumeric = [\"a\"]\n", path: "x.toml")
        #expect(config.models.map(\.name) == ["fraud"])
    }
}
