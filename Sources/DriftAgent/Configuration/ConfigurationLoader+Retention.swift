extension ConfigurationLoader {
    /// `[retention]`: `windows`, `decisions` (a duration or `"forever"`) and `interval`.
    static func retentionSettings(from table: TableReader) throws(ConfigError) -> RetentionSettings {
        try table.requireKnown(["windows", "decisions", "interval"])
        var retention = RetentionSettings()
        retention.windowsMilliseconds = try age(table, "windows", default: retention.windowsMilliseconds)
        retention.decisionsMilliseconds = try age(table, "decisions", default: retention.decisionsMilliseconds)
        retention.intervalMilliseconds = try table.duration("interval") ?? retention.intervalMilliseconds
        return retention
    }

    private static func age(_ table: TableReader, _ key: String, default value: Int64?) throws(ConfigError) -> Int64? {
        if try table.string(key) == "forever" { return nil }
        return try table.duration(key) ?? value
    }

    /// Refuses a window retention shorter than a model's `window + lateness`: such a window could
    /// be deleted while it is still open.
    static func checkRetention(_ config: Configuration, table: TableReader?) throws(ConfigError) {
        guard let keep = config.retention.windowsMilliseconds, let table else { return }
        // With named models the defaults are only their template: no window of their own.
        for model in config.models.isEmpty ? [config.defaults] : config.models {
            let needed = model.windowMilliseconds + model.latenessMilliseconds
            guard keep < needed else { continue }
            let name = model.name == "*" ? "[defaults]" : "model '\(model.name)'"
            throw table.invalid(
                "windows", expected: "at least window + lateness of \(name) (\(needed) ms)", found: "\(keep) ms")
        }
    }
}
