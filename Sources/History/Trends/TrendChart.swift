import Foundation

/// A small inline SVG line chart of one value per night (nil where a night has none), with
/// horizontal reference lines. Nights are evenly spaced in time order; every label is escaped.
struct TrendChart {
    struct Reference {
        var value: Double
        var label: String
        var cssClass: String
    }

    var id: String
    var title: String
    var values: [Double?]
    var references: [Reference] = []
    var lowerBound: Double?
    var upperBound: Double?
    var width = 640.0
    var height = 180.0
    /// Tooltip per night (its time and input).
    var labels: [String] = []

    func svg() -> String {
        let left = 56.0, right = 12.0, top = 22.0, bottom = 24.0
        let present = values.compactMap { $0 } + references.map(\.value)
        var low = lowerBound ?? (present.min() ?? 0)
        var high = upperBound ?? (present.max() ?? 1)
        if let lowerBound { low = min(lowerBound, present.min() ?? lowerBound) }
        if let upperBound { high = max(upperBound, present.max() ?? upperBound) }
        if high - low < 1e-12 { low -= 0.5; high += 0.5 }
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ index: Int) -> Double { left + (values.count <= 1 ? plotWidth / 2 : plotWidth * Double(index) / Double(values.count - 1)) }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - (value - low) / (high - low)) }
        func n(_ v: Double) -> String { String(format: "%.2f", v) }
        let e = HistoryPage.escape
        var out = "<svg id=\"\(e(id))\" class=\"trend\" role=\"img\" aria-label=\"\(e(title))\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" xmlns=\"http://www.w3.org/2000/svg\">"
        out += "<title>\(e(title))</title>"
        out += "<text x=\"\(n(left))\" y=\"14\" class=\"chart-title\">\(e(title))</text>"
        out += "<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(plotWidth))\" height=\"\(n(plotHeight))\" class=\"frame\"/>"
        for (value, anchor) in [(high, top + 4), (low, top + plotHeight)] {
            out += "<text x=\"\(n(left - 4))\" y=\"\(n(anchor))\" text-anchor=\"end\" class=\"axis\">\(e(String(format: "%.4g", value)))</text>"
        }
        for reference in references {
            out += "<line x1=\"\(n(left))\" x2=\"\(n(left + plotWidth))\" y1=\"\(n(y(reference.value)))\" y2=\"\(n(y(reference.value)))\" class=\"\(e(reference.cssClass))\"><title>\(e(reference.label))</title></line>"
        }
        var segment: [String] = []
        var paths: [String] = []
        for (index, value) in values.enumerated() {
            if let value { segment.append("\(n(x(index))),\(n(y(value)))") } else if !segment.isEmpty { paths.append(segment.joined(separator: " ")); segment = [] }
        }
        if !segment.isEmpty { paths.append(segment.joined(separator: " ")) }
        for points in paths { out += "<polyline points=\"\(points)\" class=\"series\"/>" }
        for (index, value) in values.enumerated() {
            guard let value else { continue }
            let label = index < labels.count ? labels[index] + ": " : "night \(index + 1): "
            out += "<circle cx=\"\(n(x(index)))\" cy=\"\(n(y(value)))\" r=\"2.5\" class=\"point\"><title>\(e(label + String(format: "%.6g", value)))</title></circle>"
        }
        out += "<text x=\"\(n(left))\" y=\"\(n(height - 6))\" class=\"axis\">night 1</text>"
        out += "<text x=\"\(n(left + plotWidth))\" y=\"\(n(height - 6))\" text-anchor=\"end\" class=\"axis\">night \(values.count)</text>"
        return out + "</svg>"
    }
}
