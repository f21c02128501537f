/// A plot's pixel box and the linear maps from data to pixels, for the HTML report's SVG charts.
///
/// Every chart writes ``attributes`` on its `<svg>` element, so each mark's coordinates can be mapped
/// back to the data it shows (the report's tests do exactly that against the JSON report):
/// `value = y0 + (py0 − py) · (y1 − y0) / (py0 − py1)`, and likewise for x.
struct SVGPlot {
    /// Pixel x of the plot's left edge (where x = `x0`).
    var left: Double
    /// Pixel x of the plot's right edge (where x = `x1`).
    var right: Double
    /// Pixel y of the plot's top edge (where y = `y1`).
    var top: Double
    /// Pixel y of the plot's bottom edge (where y = `y0`).
    var bottom: Double
    /// The data x at ``left``.
    var x0: Double
    /// The data x at ``right``.
    var x1: Double
    /// The data y at ``bottom``.
    var y0: Double
    /// The data y at ``top``.
    var y1: Double

    /// The pixel x of data `x`.
    func x(_ x: Double) -> Double {
        x1 == x0 ? (left + right) / 2 : left + (x - x0) / (x1 - x0) * (right - left)
    }

    /// The pixel y of data `y`.
    func y(_ y: Double) -> Double {
        y1 == y0 ? bottom : bottom - (y - y0) / (y1 - y0) * (bottom - top)
    }

    /// `data-*` attributes stating the maps: `data-x0`, `data-x1`, `data-px0`, `data-px1`,
    /// `data-y0`, `data-y1`, `data-py0`, `data-py1`.
    var attributes: String {
        "data-x0=\"\(HTMLText.exact(x0))\" data-x1=\"\(HTMLText.exact(x1))\" data-px0=\"\(HTMLText.exact(left))\" "
            + "data-px1=\"\(HTMLText.exact(right))\" data-y0=\"\(HTMLText.exact(y0))\" "
            + "data-y1=\"\(HTMLText.exact(y1))\" data-py0=\"\(HTMLText.exact(bottom))\" "
            + "data-py1=\"\(HTMLText.exact(top))\""
    }

    /// The `d` of a polyline through `points`, broken where a y is `nil`; a lone point becomes a
    /// dot (`h0`, drawn by a round line cap).
    /// - Complexity: O(points).
    func path(_ points: [(x: Double, y: Double?)]) -> String {
        var d = ""
        d.reserveCapacity(points.count * 12)
        var runLength = 0
        for point in points {
            guard let value = point.y, value.isFinite else {
                if runLength == 1 { d += "h0" }
                runLength = 0
                continue
            }
            d += runLength == 0 ? "M" : "L"
            d += HTMLText.coordinate(x(point.x)) + " " + HTMLText.coordinate(y(value))
            runLength += 1
        }
        if runLength == 1 { d += "h0" }
        return d
    }

    /// Horizontal grid lines and left-hand labels at `values`, leaving out labels closer than 11
    /// pixels to `avoiding` (where the threshold's label goes).
    func yGrid(_ values: [Double], avoiding: Double? = nil, label: (Double) -> String) -> String {
        var svg = ""
        for value in values {
            let py = HTMLText.coordinate(y(value))
            if let avoiding, abs(y(avoiding) - y(value)) < 11 {
                svg += "<line class=\"grid-line\" x1=\"\(HTMLText.coordinate(left))\" "
                svg += "x2=\"\(HTMLText.coordinate(right))\" y1=\"\(py)\" y2=\"\(py)\"/>"
                continue
            }
            svg += "<line class=\"grid-line\" x1=\"\(HTMLText.coordinate(left))\" x2=\"\(HTMLText.coordinate(right))\" "
            svg += "y1=\"\(py)\" y2=\"\(py)\"/>"
            svg += "<text x=\"\(HTMLText.coordinate(left - 4))\" y=\"\(py)\" dy=\"0.32em\" text-anchor=\"end\">"
            svg += HTMLText.escape(label(value)) + "</text>"
        }
        return svg
    }

    /// Tick marks and labels along the bottom edge for a time axis in epoch milliseconds.
    func timeAxis(maximumTicks: Int) -> String {
        var svg = "<line class=\"axis\" x1=\"\(HTMLText.coordinate(left))\" x2=\"\(HTMLText.coordinate(right))\" "
        svg += "y1=\"\(HTMLText.coordinate(bottom))\" y2=\"\(HTMLText.coordinate(bottom))\"/>"
        for tick in Self.timeTicks(from: Int64(x0), to: Int64(x1), maximumTicks: maximumTicks) {
            let position = x(Double(tick.milliseconds))
            let px = HTMLText.coordinate(position)
            let anchor = position > right - 30 ? "end" : position < left + 30 ? "start" : "middle"
            svg += "<line class=\"axis\" x1=\"\(px)\" x2=\"\(px)\" y1=\"\(HTMLText.coordinate(bottom))\" "
            svg += "y2=\"\(HTMLText.coordinate(bottom + 4))\"/>"
            svg += "<text x=\"\(px)\" y=\"\(HTMLText.coordinate(bottom + 15))\" text-anchor=\"\(anchor)\">"
            svg += tick.label + "</text>"
        }
        return svg
    }

    /// Round UTC times in `[start, end]` at most `maximumTicks` of them, with labels: `11-01 12:00`
    /// for steps under a day, `2026-11-01` from a day up.
    static func timeTicks(from start: Int64, to end: Int64, maximumTicks: Int) -> [(milliseconds: Int64, label: String)]
    {
        let minute: Int64 = 60_000
        let hour = 60 * minute
        let day = 24 * hour
        let steps = [
            minute, 5 * minute, 15 * minute, 30 * minute, hour, 2 * hour, 3 * hour, 6 * hour, 12 * hour, day,
            2 * day, 7 * day, 14 * day, 28 * day, 91 * day, 364 * day,
        ]
        guard end > start, maximumTicks > 0 else { return [] }
        let span = end - start
        let step = steps.first { span / $0 < Int64(maximumTicks) } ?? (span / Int64(maximumTicks) + 1)
        var tick = (start + step - 1) / step * step
        if start < 0 && (start % step) != 0 { tick = start / step * step }
        var ticks: [(Int64, String)] = []
        while tick <= end {
            let text = HTMLText.time(tick)
            let label = step < day ? String(text.dropFirst(5).prefix(11)) : String(text.prefix(10))
            ticks.append((tick, label))
            tick += step
        }
        return ticks
    }
}
