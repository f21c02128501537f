import DriftStore
import Glibc
import Testing

/// A state file holds what the models saw: driftwatch creates it, and its WAL files, readable by
/// their owner only (0600), whatever the umask; a file that already exists keeps its mode.
struct StorePermissionsTests {
    private func mode(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o777
    }

    @Test func newStateFileAndItsWALAreOwnerOnly() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("state.db")
        let previous = umask(0o022)  // the usual umask, under which SQLite would create 0644
        defer { umask(previous) }
        let store = try Store(path: path)
        try store.setMeta("1", for: "probe")  // a write: the WAL and shared-memory files exist now
        #expect(mode(path) == 0o600)
        #expect(mode(path + "-wal") == 0o600)
        #expect(mode(path + "-shm") == 0o600)
    }

    @Test func existingFileKeepsItsMode() throws {
        let directory = TemporaryDirectory()
        let path = directory.write([], to: "shared.db")
        chmod(path, 0o640)
        let store = try Store(path: path)
        try store.setMeta("1", for: "probe")
        #expect(mode(path) == 0o640)
    }

    @Test func missingDirectoryIsStillReportedBySQLite() {
        #expect(throws: StoreError.self) { try Store(path: "/nonexistent-driftwatch-dir/state.db") }
    }
}
