// libFuzzer harness `config`: the TOML configuration loader, ConfigurationLoader.parse(text:path:),
// including TOMLKit's parser and the key-line locator. Run: Scripts/fuzz/run config [seconds].
//
// Checked: no trap whatever the text; every rejection is a ConfigError whose description names
// the file. (TOMLKit leaks a few bytes per parse in its C++ bridge; Fuzz/lsan.supp silences
// those frames only, so a leak in Driftwatch code still fails the run.)
import DriftAgent

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let configuration = try ConfigurationLoader.parse(text: text, path: "fuzz.toml")
        for model in configuration.models { _ = configuration.model(named: model.name) }
    } catch {
        expect(error.description.contains("fuzz.toml"), "error without the file: \(error)")
    }
    return 0
}

/// Stops the run with `message` unless `condition` holds (`precondition` drops its message in -O builds).
private func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
