import DriftStore
import Testing

struct DriftStoreModuleTests {
    @Test func moduleLinks() {}
}
