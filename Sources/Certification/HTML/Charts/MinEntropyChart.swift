/// SP 800-90B min-entropy estimates as horizontal bars on a common scale 0…`maximum`
/// (bits per sample), grouped (literal samples, bitstring), the lowest estimate of each group
/// emphasised and the assessed min-entropy H drawn as a vertical line.
enum MinEntropyChart {
    static let width = 760.0

    struct Bar {
        let label: String
        let value: Double
        /// The lowest estimate of its group (the one that decides H for that sequence).
        let lowest: Bool
    }

    struct Group {
        let title: String
        let bars: [Bar]
    }

    static func svg(groups: [Group], maximum: Double, assessed: Double?, id: String, title: String) -> String {
        let rowHeight = 20.0, headerHeight = 24.0
        let top = 10.0
        let rows = groups.reduce(0.0) { $0 + headerHeight + rowHeight * Double($1.bars.count) }
        let bottom = top + rows + 4
        let height = bottom + 40
        var parts: [String] = []
        for group in groups {
            parts.append("\(group.title): " + group.bars.map { "\($0.label) \(DisplayFormat.fixed($0.value, 6))" }.joined(separator: ", "))
        }
        if let assessed { parts.append("assessed min-entropy H = \(DisplayFormat.fixed(assessed, 6)) bits per sample") }
        var canvas = SVGCanvas(id: id, width: width, height: height, title: title,
                               description: parts.joined(separator: ". ") + ".")
        let left = 230.0, right = width - 70
        let x = ChartScale(domain: 0...max(maximum, 1e-9), from: left, to: right)
        let step = x.tickStep(maximum <= 1 ? 5 : min(8, Int(maximum.rounded(.up))))
        for tick in x.ticks(maximum <= 1 ? 5 : min(8, Int(maximum.rounded(.up)))) {
            canvas.line(x1: x(tick), y1: top, x2: x(tick), y2: bottom, cssClass: "grid")
            canvas.text(ChartScale.label(tick, step: step), x: x(tick), y: bottom + 16, anchor: .middle, cssClass: "tick")
        }
        var yCursor = top
        for group in groups {
            canvas.text(group.title, x: 8, y: yCursor + 16, cssClass: "group-label")
            yCursor += headerHeight
            for bar in group.bars {
                let value = max(0, min(bar.value, maximum))
                canvas.text(bar.label, x: left - 8, y: yCursor + 14, anchor: .end, cssClass: "tick")
                canvas.rect(x: left, y: yCursor + 3, width: x(value) - left, height: rowHeight - 6,
                            cssClass: bar.lowest ? "bar lowest" : "bar",
                            tooltip: "\(bar.label): \(DisplayFormat.fixed(bar.value, 6))")
                canvas.text(DisplayFormat.fixed(bar.value, 4), x: x(value) + 5, y: yCursor + 14, cssClass: "value")
                yCursor += rowHeight
            }
        }
        canvas.line(x1: left, y1: top, x2: left, y2: bottom, cssClass: "axis")
        if let assessed {
            let ax = x(max(0, min(assessed, maximum)))
            canvas.line(x1: ax, y1: top - 4, x2: ax, y2: bottom, cssClass: "threshold",
                        tooltip: "assessed H = \(DisplayFormat.fixed(assessed, 6))")
        }
        canvas.text("min-entropy (bits per sample)", x: (left + right) / 2, y: height - 6, anchor: .middle, cssClass: "axis-label")
        return canvas.render()
    }
}
