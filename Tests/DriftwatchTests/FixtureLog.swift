import Foundation

/// Independent reading of Fixtures/cli/predictions.jsonl with Foundation's JSON parser and date
/// formatter: rows per (model, hour) and bad lines by reason, to check the binary's figures.
struct FixtureLog {
    /// Good rows per model and window start (epoch seconds).
    var rows: [String: [Int: Int]] = [:]
    /// Unusable lines by reason label.
    var bad: [String: Int] = [:]
    var lines = 0

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let formatter = ISO8601DateFormatter()
        for line in text.split(separator: "\n") {
            lines += 1
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                bad["invalid_json", default: 0] += 1
                continue
            }
            guard let ts = object["ts"] else {
                bad["missing_timestamp", default: 0] += 1
                continue
            }
            let seconds: Int
            if let text = ts as? String, let epoch = Int(text) {
                seconds = epoch
            } else if let text = ts as? String, let date = formatter.date(from: text) {
                seconds = Int(date.timeIntervalSince1970)
            } else if let number = ts as? Int {
                seconds = number
            } else {
                bad["bad_timestamp", default: 0] += 1
                continue
            }
            let model = object["model"] as? String ?? ""
            rows[model, default: [:]][seconds - seconds % 3600, default: 0] += 1
        }
    }
}
