/// SP 800-22's proportion of passing streams per p-value slot, grouped by test: a dot per
/// slot (red when it fails) on a vertical bar for the accepted range — STS's pass-count bounds
/// ⌊(p̂ ∓ 3√(p̂α/m))·m⌋ divided by m, p̂ = 1 − α, the range the verdict uses (clipped at 1) —
/// and p̂ itself as a dashed line.
enum ProportionChart {
    static let width = 960.0
    static let height = 380.0

    struct Slot {
        let label: String
        let proportion: Double
        /// minimumPassCount / m and maximumPassCount / m.
        let lower: Double
        let upper: Double
        let sampleSize: Int
        let minimumPassCount: Int
        let maximumPassCount: Int
        let failed: Bool
    }

    struct Test {
        let name: String
        let slots: [Slot]
    }

    static func svg(tests: [Test], expected: Double, id: String) -> String {
        let slots = tests.flatMap(\.slots)
        let failed = slots.filter(\.failed).count
        var canvas = SVGCanvas(
            id: id, width: width, height: height, title: "Proportion of passing streams per test",
            description: "\(slots.count) p-value slots in \(tests.count) tests; \(failed) outside the acceptance interval. "
                + "Expected proportion \(DisplayFormat.fixed(expected, 4)); the bars show each slot's accepted range.")
        let left = 112.0, right = width - 12, top = 14.0, bottom = height - 128
        let low = min(slots.map { min($0.lower, $0.proportion) }.min() ?? expected, expected)
        let floor = max(0, ((low - 0.005) * 100).rounded(.down) / 100)
        let y = ChartScale(domain: floor...1.0, from: bottom, to: top)
        let layout = SlotGroupLayout(slotCounts: tests.map { ($0.name, $0.slots.count) }, left: left, right: right)
        layout.drawBands(on: &canvas, top: top, bottom: bottom)
        let step = y.tickStep(5)
        for tick in y.ticks(5) {
            canvas.line(x1: left, y1: y(tick), x2: right, y2: y(tick), cssClass: "grid")
            canvas.text(ChartScale.label(tick, step: step), x: left - 6, y: y(tick) + 4, anchor: .end, cssClass: "tick")
        }
        canvas.line(x1: left, y1: y(expected), x2: right, y2: y(expected), cssClass: "expected",
                    tooltip: "expected proportion 1 − α = \(DisplayFormat.fixed(expected, 4))")
        for (test, group) in zip(tests, layout.groups) {
            for (slot, x) in zip(test.slots, group.positions) {
                let name = slot.label.isEmpty ? test.name : "\(test.name) \(slot.label)"
                let interval = "\(slot.minimumPassCount)–\(slot.maximumPassCount) of \(slot.sampleSize)"
                canvas.line(x1: x, y1: y(max(slot.lower, floor)), x2: x, y2: y(min(slot.upper, 1)), cssClass: "interval")
                canvas.circle(cx: x, cy: y(slot.proportion), r: slot.failed ? 3.2 : 2.2, cssClass: slot.failed ? "dot fail" : "dot",
                              tooltip: "\(name): proportion \(DisplayFormat.fixed(slot.proportion, 4)), accepted \(interval)\(slot.failed ? " (fails)" : "")")
            }
        }
        canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, cssClass: "axis")
        canvas.text("proportion", x: 64, y: (top + bottom) / 2, anchor: .middle, cssClass: "axis-label", rotate: -90)
        return canvas.render()
    }
}
