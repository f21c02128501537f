import DriftIngest
import Testing

struct DriftIngestModuleTests {
    @Test func moduleLinks() {}
}
