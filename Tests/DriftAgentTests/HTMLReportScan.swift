import Foundation

/// Reads back what the HTML report plotted: elements' attributes, chart maps and path points.
///
/// The report escapes `<`, `>` and quotes in every attribute and text, so a tag is exactly
/// `<name attributes…>` with double-quoted values, and a regular expression finds them reliably.
struct HTMLReportScan {
    /// One tag: its name and its attributes, unescaped.
    struct Element {
        var name: String
        var attributes: [String: String]
        /// The offset of the tag in the page, to scope searches.
        var offset: Int

        subscript(_ key: String) -> String? { attributes[key] }
        func number(_ key: String) -> Double? { attributes[key].flatMap(Double.init) }
    }

    /// A chart's data-to-pixel maps, from its `<svg>` attributes.
    struct Plot {
        var x0, x1, px0, px1, y0, y1, py0, py1: Double

        init?(_ svg: Element) {
            guard let x0 = svg.number("data-x0"), let x1 = svg.number("data-x1"), let px0 = svg.number("data-px0"),
                let px1 = svg.number("data-px1"), let y0 = svg.number("data-y0"), let y1 = svg.number("data-y1"),
                let py0 = svg.number("data-py0"), let py1 = svg.number("data-py1")
            else { return nil }
            (self.x0, self.x1, self.px0, self.px1, self.y0, self.y1, self.py0, self.py1) =
                (x0, x1, px0, px1, y0, y1, py0, py1)
        }

        /// The data x of pixel `px`.
        func x(_ px: Double) -> Double { x0 + (px - px0) * (x1 - x0) / (px1 - px0) }
        /// The data y of pixel `py`.
        func y(_ py: Double) -> Double { y0 + (py0 - py) * (y1 - y0) / (py0 - py1) }
        /// Half a coordinate step (0.05 px, as written) in data units along y, plus rounding slack.
        var yTolerance: Double { abs(y1 - y0) / abs(py0 - py1) * 0.051 }
        /// The same along x.
        var xTolerance: Double { abs(x1 - x0) / abs(px1 - px0) * 0.051 }
    }

    let html: String
    let elements: [Element]

    init(_ html: String) throws {
        self.html = html
        let tag = try NSRegularExpression(
            pattern: "<([a-zA-Z][a-zA-Z0-9]*)((?:\\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*=\"[^\"]*\")*)\\s*/?>")
        let attribute = try NSRegularExpression(pattern: "([a-zA-Z_:][-a-zA-Z0-9_:.]*)=\"([^\"]*)\"")
        let text = html as NSString
        var elements: [Element] = []
        for match in tag.matches(in: html, range: NSRange(location: 0, length: text.length)) {
            let attributesText = text.substring(with: match.range(at: 2))
            var attributes: [String: String] = [:]
            let inner = attributesText as NSString
            for pair in attribute.matches(in: attributesText, range: NSRange(location: 0, length: inner.length)) {
                attributes[inner.substring(with: pair.range(at: 1))] = Self.unescape(
                    inner.substring(with: pair.range(at: 2)))
            }
            elements.append(
                Element(
                    name: text.substring(with: match.range(at: 1)), attributes: attributes, offset: match.range.location
                ))
        }
        self.elements = elements
    }

    /// Undoes the report's escaping.
    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Elements named `name` whose attributes include every pair of `matching`.
    func all(_ name: String, _ matching: [String: String] = [:]) -> [Element] {
        elements.filter { element in
            element.name == name && matching.allSatisfy { element.attributes[$0.key] == $0.value }
        }
    }

    /// The elements after `start` up to the next element named `start.name` with the same class
    /// (the contents of one figure or section).
    func inside(_ start: Element) -> [Element] {
        let following = elements.drop { $0.offset <= start.offset }
        let end =
            following.first { $0.name == start.name && $0["class"] == start["class"] }?.offset ?? Int.max
        return following.filter { $0.offset < end }
    }

    /// The points of a path's `d` written as `M x y`, `L x y` (and `h0` for a dot), with a new run
    /// at every `M`.
    static func runs(_ d: String) -> [[(x: Double, y: Double)]] {
        var runs: [[(x: Double, y: Double)]] = []
        let scanner = Scanner(string: d)
        scanner.charactersToBeSkipped = .whitespaces
        while !scanner.isAtEnd {
            if scanner.scanString("M") != nil {
                runs.append([])
            } else if scanner.scanString("L") == nil, scanner.scanString("h0") != nil {
                continue
            }
            guard let x = scanner.scanDouble(), let y = scanner.scanDouble() else { break }
            runs[runs.count - 1].append((x, y))
        }
        return runs
    }
}
