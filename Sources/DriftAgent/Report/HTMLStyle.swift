/// The HTML report's inline style sheet, SVG patterns and verdict vocabulary.
///
/// Colours meet WCAG AA: body text #1b1b1b and secondary text #4d4d4d on white (≥ 8:1), every
/// mark colour at least 3:1 against white (drift #b3261e 6.3:1, ok #3b7d3f 5.0:1, values #1f4e99
/// 8.3:1, AUC #8a4b00 7.0:1). No meaning rests on colour alone: each state also has a pattern (drift
/// hatched, insufficient data dotted and outlined), a symbol and a word, and every series a dash
/// style and a label.
enum HTMLStyle {
    /// One state a timeline mark or verdict badge can show.
    struct State {
        /// The CSS class suffix and `data-verdict` value.
        var name: String
        /// The word shown in legends and tables.
        var label: String
        /// A symbol that carries the state without colour.
        var symbol: String
    }

    /// Every state the timeline knows: window verdicts, decision verdicts (`review`, `retrain`,
    /// `block`, `denied`) and job outcomes (`succeeded`, `failed`, `running`).
    static let states: [State] = [
        State(name: "ok", label: "ok", symbol: "✓"),
        State(name: "drift", label: "drift", symbol: "▲"),
        State(name: "insufficient", label: "insufficient data", symbol: "–"),
        State(name: "review", label: "review", symbol: "?"),
        State(name: "retrain", label: "retrain", symbol: "↻"),
        State(name: "block", label: "block", symbol: "■"),
        State(name: "denied", label: "denied by a guardrail", symbol: "✕"),
        State(name: "succeeded", label: "job succeeded", symbol: "✔"),
        State(name: "failed", label: "job failed", symbol: "✘"),
        State(name: "running", label: "job not settled", symbol: "…"),
    ]

    /// The state named `name` (ok for an unknown name).
    static func state(_ name: String) -> State { states.first { $0.name == name } ?? states[0] }

    /// The style sheet.
    static let css = """
        :root{color-scheme:light}
        *{box-sizing:border-box}
        body{margin:0;background:#fff;color:#1b1b1b;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
        main{max-width:1200px;margin:0 auto;padding:20px 24px 40px}
        h1{font-size:24px;margin:0 0 4px}
        h2{font-size:18px;margin:28px 0 6px;padding-bottom:4px;border-bottom:2px solid #1b1b1b}
        h3{font-size:15px;margin:16px 0 4px}
        p{margin:4px 0 8px;max-width:80em}
        .muted,figcaption .muted{color:#4d4d4d}
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(540px,1fr));gap:14px 28px}
        figure{margin:0;break-inside:avoid}
        figcaption{font-size:13px;margin:0 0 2px}
        figcaption b{font-size:14px;word-break:break-all}
        svg{display:block;width:100%;height:auto}
        svg text{font-size:11px;fill:#4d4d4d;font-family:inherit}
        svg text.row-label{font-size:12px;fill:#1b1b1b}
        svg text.t-label{fill:#1b1b1b;font-weight:600}
        svg text.bar-label{fill:#1b1b1b;font-weight:600}
        .legend{display:flex;flex-wrap:wrap;gap:4px 18px;font-size:13px;margin:6px 0;align-items:center}
        .legend svg{display:inline-block;width:34px;height:14px;vertical-align:middle;margin-right:4px}
        .v{fill:none;stroke:#1f4e99;stroke-width:1.7;stroke-linejoin:round;stroke-linecap:round}
        .v2{fill:none;stroke:#8a4b00;stroke-width:1.7;stroke-dasharray:6 3;stroke-linejoin:round;stroke-linecap:round}
        .v3{stroke-dasharray:2 3}
        .t{fill:none;stroke:#1b1b1b;stroke-width:1;stroke-dasharray:5 3}
        .axis{stroke:#767676;stroke-width:1}
        .grid-line{stroke:#e4e4e4;stroke-width:1}
        .marker{fill:#b3261e}
        .chosen{fill:#1f4e99;fill-opacity:.08;stroke:#1f4e99;stroke-width:1;stroke-dasharray:3 2}
        .m-ok{fill:#3b7d3f}
        .m-drift{fill:url(#p-drift)}
        .m-insufficient{fill:url(#p-insufficient);stroke:#6b6b6b;stroke-width:.6}
        .m-review{fill:url(#p-review)}
        .m-retrain{fill:#5b2a86}
        .m-block{fill:#1b1b1b}
        .m-denied{fill:url(#p-denied);stroke:#b3261e;stroke-width:1.2}
        .m-succeeded{fill:url(#p-succeeded)}
        .m-failed{fill:url(#p-failed);stroke:#b3261e;stroke-width:1}
        .m-running{fill:#fff;stroke:#1f4e99;stroke-width:1.4;stroke-dasharray:3 2}
        .m-retrain.continuing{fill:#ece3f4;stroke:#5b2a86;stroke-width:1.2}
        .m-block.continuing{fill:#e6e6e6;stroke:#1b1b1b;stroke-width:1.2}
        .m-review.continuing{fill:#fbf1df;stroke:#6b4600;stroke-width:1.2}
        svg.timeline rect.revised,.legend rect.revised{stroke:#1b1b1b;stroke-width:2}
        rect.superseded{opacity:.4}
        td.nowrap{white-space:nowrap}
        svg text.glyph{font-size:13px;font-weight:700;fill:#fff;stroke:#1b1b1b;stroke-width:2.4px;paint-order:stroke;pointer-events:none}
        .dot-realised{fill:#1f4e99}
        .dot-estimated{fill:#fff;stroke:#8a4b00;stroke-width:1.6}
        .whisker{fill:none;stroke:#8a4b00;stroke-width:1.4}
        .dot-baseline{fill:#1b1b1b}
        .cut{fill:none;stroke:#fff;stroke-width:2.2}
        tr.superseded td{color:#4d4d4d;background:#f6f6f6}
        .threshold-note{font-size:10px;fill:#1b1b1b;stroke:#fff;stroke-width:3px;paint-order:stroke}
        .bar-spent{fill:#1f4e99}
        .bar-reserved{fill:url(#p-reserved);stroke:#1f4e99;stroke-width:1}
        .band{fill:#8a4b00;fill-opacity:.16;stroke:none}
        .bar-window{fill:#1f4e99;fill-opacity:.85}
        .bar-unseen{fill:url(#p-unseen)}
        .bar-baseline{fill:none;stroke:#1b1b1b;stroke-width:1.4;stroke-dasharray:4 2}
        .badge{display:inline-block;padding:0 6px;border-radius:3px;font-weight:600;font-size:12px;white-space:nowrap}
        .badge.drift{background:#fdecea;color:#8c1d18;border:1px solid #8c1d18}
        .badge.ok{background:#edf6ee;color:#1e5a22;border:1px solid #1e5a22}
        .badge.insufficient{background:#f3f3f3;color:#3d3d3d;border:1px dashed #3d3d3d}
        .badge.review{background:#fdf3e1;color:#6b4600;border:1px solid #6b4600}
        .badge.retrain{background:#f2ebf8;color:#5b2a86;border:1px solid #5b2a86}
        .badge.block{background:#1b1b1b;color:#fff;border:1px solid #1b1b1b}
        .badge.denied{background:#fff;color:#8c1d18;border:1px solid #8c1d18}
        .badge.succeeded{background:#edf6ee;color:#1e5a22;border:1px solid #1e5a22}
        .badge.failed{background:#fdecea;color:#8c1d18;border:1px dashed #8c1d18}
        .badge.running{background:#fff;color:#1f4e99;border:1px dashed #1f4e99}
        table{border-collapse:collapse;font-size:13px;margin:6px 0}
        th,td{padding:3px 10px 3px 0;border-bottom:1px solid #e0e0e0;text-align:left;vertical-align:top}
        th{border-bottom:1.5px solid #1b1b1b}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        td.name{word-break:break-all;max-width:22em}
        details summary{cursor:pointer;font-weight:600;margin:6px 0}
        footer{margin-top:28px;font-size:12px;color:#4d4d4d}
        """

    /// SVG patterns referenced by the style sheet, in a hidden `<svg>` placed once per page.
    static let definitions = """
        <svg width="0" height="0" style="position:absolute" aria-hidden="true" focusable="false"><defs>\
        <pattern id="p-drift" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
        <rect width="6" height="6" fill="#b3261e"/><rect width="2" height="6" fill="#fff" fill-opacity=".55"/></pattern>\
        <pattern id="p-insufficient" width="5" height="5" patternUnits="userSpaceOnUse">\
        <rect width="5" height="5" fill="#fff"/><circle cx="2.5" cy="2.5" r="1" fill="#5e5e5e"/></pattern>\
        <pattern id="p-review" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">\
        <rect width="6" height="6" fill="#8a5a00"/><rect width="2" height="6" fill="#fff" fill-opacity=".55"/></pattern>\
        <pattern id="p-unseen" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
        <rect width="5" height="5" fill="#b3261e"/><rect width="1.6" height="5" fill="#fff" fill-opacity=".6"/></pattern>\
        <pattern id="p-denied" width="8" height="8" patternUnits="userSpaceOnUse">\
        <rect width="8" height="8" fill="#fff"/><path d="M1 1L7 7M7 1L1 7" stroke="#b3261e" stroke-width="1.3"/></pattern>\
        <pattern id="p-succeeded" width="6" height="6" patternUnits="userSpaceOnUse">\
        <rect width="6" height="6" fill="#1e5a22"/><rect x="2" width="2" height="6" fill="#fff" fill-opacity=".5"/></pattern>\
        <pattern id="p-failed" width="6" height="6" patternUnits="userSpaceOnUse">\
        <rect width="6" height="6" fill="#fdecea"/><path d="M0 0L6 6M6 0L0 6" stroke="#b3261e" stroke-width="1.2"/></pattern>\
        <pattern id="p-reserved" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
        <rect width="5" height="5" fill="#fff"/><rect width="2" height="5" fill="#1f4e99"/></pattern>\
        </defs></svg>
        """

    /// A small legend swatch: a rect of class `m-<state>` plus `classes`, `inset` pixels shorter at
    /// top and bottom, with `glyph` over it.
    static func swatch(state: String, classes: String = "", inset: Double = 0, glyph: String? = nil) -> String {
        var svg = "<svg viewBox=\"0 0 34 14\" aria-hidden=\"true\"><rect class=\"m-\(state)\(classes)\" x=\"1\" "
        svg +=
            "y=\"\(HTMLText.coordinate(1 + inset))\" width=\"32\" height=\"\(HTMLText.coordinate(12 - 2 * inset))\"/>"
        if let glyph {
            svg += "<text class=\"glyph\" x=\"17\" y=\"7\" dy=\"0.35em\" text-anchor=\"middle\">\(glyph)</text>"
        }
        return svg + "</svg>"
    }

    /// A legend swatch drawing a line with `lineClass`, or a bar of `barClass`.
    static func swatch(lineClass: String) -> String {
        "<svg viewBox=\"0 0 34 14\" aria-hidden=\"true\"><path class=\"\(lineClass)\" d=\"M2 7H32\"/></svg>"
    }

    /// A legend swatch drawing a bar of class `barClass`.
    static func swatch(barClass: String) -> String {
        "<svg viewBox=\"0 0 34 14\" aria-hidden=\"true\"><rect class=\"\(barClass)\" x=\"2\" y=\"2\" width=\"30\" height=\"10\"/></svg>"
    }

    /// A drift marker swatch: the red triangle drawn on drifted points.
    static let markerSwatch =
        "<svg viewBox=\"0 0 34 14\" aria-hidden=\"true\"><path class=\"marker\" d=\"M17 2l5 9h-10z\"/></svg>"

    /// A verdict badge: symbol and word, styled by state.
    static func badge(_ state: String, text: String? = nil) -> String {
        let known = Self.state(state)
        let word = text ?? (known.name == "drift" ? "DRIFT" : known.label)
        return "<span class=\"badge \(known.name)\">\(known.symbol) \(HTMLText.escape(word))</span>"
    }
}
