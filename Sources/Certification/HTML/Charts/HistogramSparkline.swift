/// A tiny ten-bar histogram (no axes) shown in a table row beside STS's C1…C10 counts.
enum HistogramSparkline {
    static let width = 70.0
    static let height = 18.0

    static func svg(histogram: [Int], id: String, label: String) -> String {
        let counts = histogram.map(DisplayFormat.grouped).joined(separator: " ")
        var canvas = SVGCanvas(id: id, width: width, height: height, title: "p-value histogram of \(label)",
                               description: "Counts in the ten bins from 0 to 1: \(counts).")
        let peak = Double(max(histogram.max() ?? 0, 1))
        let barWidth = width / Double(max(histogram.count, 1))
        for (i, count) in histogram.enumerated() {
            let h = (height - 2) * Double(count) / peak
            canvas.rect(x: Double(i) * barWidth + 0.5, y: height - 1 - h, width: barWidth - 1, height: h, cssClass: "spark")
        }
        canvas.line(x1: 0, y1: height - 0.5, x2: width, y2: height - 0.5, cssClass: "axis")
        return canvas.render()
    }
}
