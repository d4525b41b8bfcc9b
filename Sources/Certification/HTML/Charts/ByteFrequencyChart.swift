/// ENT's byte counts as 256 bars (byte value 0…255), with the uniform expectation E = n/256
/// dashed; below them each value's standardized deviation z = (count − E)/√(E(1 − 1/256)),
/// the terms whose squares make ENT's chi-square, with the ±3 band of a uniform source.
enum ByteFrequencyChart {
    static let width = 960.0
    static let height = 400.0

    static func svg(counts: [UInt64], id: String) -> String {
        let n = counts.reduce(0, +)
        let k = Double(max(counts.count, 1))
        let expected = Double(n) / k
        let sigma = (expected * (1 - 1 / k)).squareRoot()
        let minIndex = counts.indices.min { counts[$0] < counts[$1] } ?? 0
        let maxIndex = counts.indices.max { counts[$0] < counts[$1] } ?? 0
        var canvas = SVGCanvas(
            id: id, width: width, height: height, title: "Byte value frequencies",
            description: "Counts of the \(counts.count) byte values in \(DisplayFormat.grouped(n)) bytes; expected "
                + "\(DisplayFormat.fixed(expected, 1)) each. Least frequent: \(minIndex) (\(DisplayFormat.grouped(counts.isEmpty ? 0 : counts[minIndex]))), "
                + "most frequent: \(maxIndex) (\(DisplayFormat.grouped(counts.isEmpty ? 0 : counts[maxIndex]))). "
                + "The lower panel shows each count's standardized deviation from the expectation.")
        let left = 64.0, right = width - 12
        let x = ChartScale(domain: 0...k, from: left, to: right)
        let barWidth = (right - left) / k

        // Upper panel: counts from zero.
        let top = 14.0, bottom = 220.0
        let peak = max(Double(counts.max() ?? 0), expected, 1) * 1.05
        let y = ChartScale(domain: 0...peak, from: bottom, to: top)
        let step = max(y.tickStep(4), 1)
        for tick in y.ticks(4) where tick == tick.rounded() {
            canvas.line(x1: left, y1: y(tick), x2: right, y2: y(tick), cssClass: "grid")
            canvas.text(ChartScale.label(tick, step: step), x: left - 6, y: y(tick) + 4, anchor: .end, cssClass: "tick")
        }
        for (value, count) in counts.enumerated() {
            canvas.rect(x: x(Double(value)) + 0.3, y: y(Double(count)), width: barWidth - 0.6, height: bottom - y(Double(count)),
                        cssClass: "bar", tooltip: "byte \(value) (0x\(hex(value))): \(DisplayFormat.grouped(count))")
        }
        canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, cssClass: "axis")
        if n > 0 {
            canvas.line(x1: left, y1: y(expected), x2: right, y2: y(expected), cssClass: "expected",
                        tooltip: "expected count n/256 = \(DisplayFormat.fixed(expected, 1))")
        }
        canvas.text("count", x: 14, y: (top + bottom) / 2, anchor: .middle, cssClass: "axis-label", rotate: -90)

        // Lower panel: standardized deviations.
        let zTop = 244.0, zBottom = height - 40
        if sigma > 0 {
            let z = counts.map { (Double($0) - expected) / sigma }
            let extent = max(4, (z.map(abs).max() ?? 0).rounded(.up))
            let zy = ChartScale(domain: -extent...extent, from: zBottom, to: zTop)
            canvas.rect(x: left, y: zy(3), width: right - left, height: zy(-3) - zy(3), cssClass: "band")
            // ±3 is labelled only when it stands clear of 0 and of the extremes.
            let roomy = zy(0) - zy(3) >= 12 && zy(3) - zy(extent) >= 12
            let ticks = extent > 4 ? (roomy ? [-extent, -3, 0, 3, extent] : [-extent, 0, extent]) : [-3.0, 0, 3]
            for tick in ticks {
                canvas.line(x1: left, y1: zy(tick), x2: right, y2: zy(tick), cssClass: tick == 0 ? "axis" : "grid")
                canvas.text(DisplayFormat.fixed(tick, 0), x: left - 6, y: zy(tick) + 4, anchor: .end, cssClass: "tick")
            }
            for (value, d) in z.enumerated() {
                let y0 = zy(max(d, 0)), y1 = zy(min(d, 0))
                canvas.rect(x: x(Double(value)) + 0.3, y: y0, width: barWidth - 0.6, height: y1 - y0,
                            cssClass: abs(d) > 3 ? "bar fail" : "bar muted",
                            tooltip: "byte \(value) (0x\(hex(value))): z = \(DisplayFormat.fixed(d, 2))")
            }
            canvas.text("z", x: 14, y: (zTop + zBottom) / 2, anchor: .middle, cssClass: "axis-label", rotate: -90)
        }
        for value in stride(from: 0, through: counts.count, by: 32) {
            canvas.text("\(value)", x: x(Double(value)), y: zBottom + 16, anchor: .middle, cssClass: "tick")
        }
        canvas.text("byte value", x: (left + right) / 2, y: height - 6, anchor: .middle, cssClass: "axis-label")
        return canvas.render()
    }

    private static func hex(_ value: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[(value >> 4) & 15], digits[value & 15]])
    }
}
