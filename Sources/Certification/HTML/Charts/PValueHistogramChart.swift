/// The ten-bin histogram of p-values (STS's C1…C10): one bar per bin [0, 0.1), …, [0.9, 1]
/// and the count expected in each bin when the p-values are uniform (total / 10), dashed.
enum PValueHistogramChart {
    static let width = 520.0
    static let height = 260.0

    static func svg(histogram: [Int], id: String, title: String) -> String {
        let total = histogram.reduce(0, +)
        let expected = Double(total) / Double(max(histogram.count, 1))
        let bins = histogram.enumerated().map { i, c in "\(binLabel(i)): \(DisplayFormat.grouped(c))" }
        var canvas = SVGCanvas(
            id: id, width: width, height: height, title: title,
            description: "Histogram of \(DisplayFormat.grouped(total)) p-values in ten bins (\(bins.joined(separator: "; "))). "
                + "Uniform p-values would put \(DisplayFormat.fixed(expected, 1)) in each bin.")
        let left = 52.0, right = width - 14, top = 16.0, bottom = height - 42
        let peak = max(Double(histogram.max() ?? 0), expected, 1) * 1.1
        let y = ChartScale(domain: 0...peak, from: bottom, to: top)
        let x = ChartScale(domain: 0...Double(histogram.count), from: left, to: right)
        let step = y.tickStep(4)
        for tick in y.ticks(4) where tick == tick.rounded() {
            canvas.line(x1: left, y1: y(tick), x2: right, y2: y(tick), cssClass: "grid")
            canvas.text(ChartScale.label(tick, step: max(step, 1)), x: left - 6, y: y(tick) + 4, anchor: .end, cssClass: "tick")
        }
        let gap = 3.0
        for (i, count) in histogram.enumerated() {
            let x0 = x(Double(i)) + gap, x1 = x(Double(i + 1)) - gap
            canvas.rect(x: x0, y: y(Double(count)), width: x1 - x0, height: bottom - y(Double(count)), cssClass: "bar",
                        tooltip: "p in \(binLabel(i)): \(DisplayFormat.grouped(count))")
        }
        for i in 0...histogram.count {
            canvas.text(DisplayFormat.fixed(Double(i) / Double(histogram.count), 1), x: x(Double(i)), y: bottom + 16,
                        anchor: .middle, cssClass: "tick")
        }
        canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, cssClass: "axis")
        canvas.line(x1: left, y1: y(expected), x2: right, y2: y(expected), cssClass: "expected",
                    tooltip: "expected under uniformity: \(DisplayFormat.fixed(expected, 1)) per bin")
        canvas.text("p-value", x: (left + right) / 2, y: height - 6, anchor: .middle, cssClass: "axis-label")
        canvas.text("count", x: 14, y: (top + bottom) / 2, anchor: .middle, cssClass: "axis-label", rotate: -90)
        return canvas.render()
    }

    /// "[0.0, 0.1)" … "[0.9, 1.0]".
    static func binLabel(_ i: Int) -> String {
        let lo = DisplayFormat.fixed(Double(i) / 10, 1), hi = DisplayFormat.fixed(Double(i + 1) / 10, 1)
        return i == 9 ? "[\(lo), \(hi)]" : "[\(lo), \(hi))"
    }
}
