/// A minimal SVG writer for the report's charts: shapes appended as text, coordinates
/// rounded to 0.01, every text escaped. The result is a well-formed `<svg>` element with
/// `role="img"`, a `<title>` and a `<desc>` (its accessible name and description), styled by
/// the classes of the page's stylesheet (`ReportStylesheet`). It carries no `xmlns`: inline in
/// HTML the parser puts it in the SVG namespace, and the page holds no URL at all.
struct SVGCanvas {
    let width: Double
    let height: Double
    /// The element id; the title and description get `id-title`, `id-desc`.
    let id: String
    let title: String
    let description: String
    private var body: [String] = []

    init(id: String, width: Double, height: Double, title: String, description: String) {
        self.id = id
        self.width = width
        self.height = height
        self.title = title
        self.description = description
    }

    /// A coordinate or length: at most two decimals, no trailing zeros.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        var text = DisplayFormat.fixed(v, 2)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    private static func attributes(_ pairs: [(String, String?)]) -> String {
        pairs.compactMap { name, value in value.map { " \(name)=\"\(HTMLText.escape($0))\"" } }.joined()
    }

    /// A tooltip child (`<title>`) for a shape, or nothing.
    private static func tooltip(_ text: String?) -> String {
        text.map { "<title>\(HTMLText.escape($0))</title>" } ?? ""
    }

    private mutating func shape(_ name: String, _ pairs: [(String, String?)], tooltip: String?) {
        if let tooltip {
            body.append("<\(name)\(Self.attributes(pairs))>\(Self.tooltip(tooltip))</\(name)>")
        } else {
            body.append("<\(name)\(Self.attributes(pairs))/>")
        }
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, cssClass: String, tooltip: String? = nil) {
        shape("rect", [("x", Self.number(x)), ("y", Self.number(y)), ("width", Self.number(max(0, width))),
                       ("height", Self.number(max(0, height))), ("class", cssClass)], tooltip: tooltip)
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, cssClass: String, tooltip: String? = nil) {
        shape("line", [("x1", Self.number(x1)), ("y1", Self.number(y1)), ("x2", Self.number(x2)),
                       ("y2", Self.number(y2)), ("class", cssClass)], tooltip: tooltip)
    }

    mutating func circle(cx: Double, cy: Double, r: Double, cssClass: String, tooltip: String? = nil) {
        shape("circle", [("cx", Self.number(cx)), ("cy", Self.number(cy)), ("r", Self.number(r)),
                         ("class", cssClass)], tooltip: tooltip)
    }

    /// A polyline through `points`.
    mutating func polyline(_ points: [(x: Double, y: Double)], cssClass: String) {
        let list = points.map { "\(Self.number($0.x)),\(Self.number($0.y))" }.joined(separator: " ")
        shape("polyline", [("points", list), ("class", cssClass)], tooltip: nil)
    }

    enum Anchor: String {
        case start, middle, end
    }

    /// Text at (x, y) (the baseline), optionally rotated by `rotate` degrees about that point.
    mutating func text(_ content: String, x: Double, y: Double, anchor: Anchor = .start, cssClass: String,
                       rotate: Double? = nil) {
        let transform = rotate.map { "rotate(\(Self.number($0)) \(Self.number(x)) \(Self.number(y)))" }
        body.append("<text\(Self.attributes([("x", Self.number(x)), ("y", Self.number(y)), ("text-anchor", anchor.rawValue), ("class", cssClass), ("transform", transform)]))>\(HTMLText.escape(content))</text>")
    }

    /// The finished `<svg>` element.
    func render() -> String {
        let w = Self.number(width), h = Self.number(height)
        var out = "<svg id=\"\(HTMLText.escape(id))\" class=\"chart\" role=\"img\""
        out += " viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" preserveAspectRatio=\"xMinYMin meet\""
        out += " aria-labelledby=\"\(HTMLText.escape(id))-title \(HTMLText.escape(id))-desc\">"
        out += "<title id=\"\(HTMLText.escape(id))-title\">\(HTMLText.escape(title))</title>"
        out += "<desc id=\"\(HTMLText.escape(id))-desc\">\(HTMLText.escape(description))</desc>"
        out += body.joined()
        out += "</svg>"
        return out
    }
}
