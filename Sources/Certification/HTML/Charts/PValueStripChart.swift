/// The p-values of a single stream, one dot per p-value grouped by SP 800-22 test, on a 0–1
/// axis with the significance level α drawn as a line; dots below α are red.
enum PValueStripChart {
    static let width = 960.0
    static let height = 340.0

    struct Test {
        let name: String
        let pValues: [(label: String, value: Double)]
    }

    static func svg(tests: [Test], alpha: Double, id: String) -> String {
        let all = tests.flatMap(\.pValues)
        let below = all.filter { $0.value < alpha }.count
        var canvas = SVGCanvas(
            id: id, width: width, height: height, title: "p-values of the single stream, by test",
            description: "\(all.count) p-values in \(tests.count) tests; \(below) below α = \(DisplayFormat.fixed(alpha, 4)).")
        let left = 112.0, right = width - 12, top = 14.0, bottom = height - 128
        let y = ChartScale(domain: 0...1, from: bottom, to: top)
        let layout = SlotGroupLayout(slotCounts: tests.map { ($0.name, $0.pValues.count) }, left: left, right: right)
        layout.drawBands(on: &canvas, top: top, bottom: bottom)
        for tick in y.ticks(5) {
            canvas.line(x1: left, y1: y(tick), x2: right, y2: y(tick), cssClass: "grid")
            canvas.text(DisplayFormat.fixed(tick, 1), x: left - 6, y: y(tick) + 4, anchor: .end, cssClass: "tick")
        }
        canvas.line(x1: left, y1: y(alpha), x2: right, y2: y(alpha), cssClass: "threshold",
                    tooltip: "α = \(DisplayFormat.fixed(alpha, 4))")
        for (test, group) in zip(tests, layout.groups) {
            for (p, x) in zip(test.pValues, group.positions) {
                let name = p.label.isEmpty ? test.name : "\(test.name) \(p.label)"
                let low = p.value < alpha
                canvas.circle(cx: x, cy: y(p.value), r: low ? 3.2 : 2.2, cssClass: low ? "dot fail" : "dot",
                              tooltip: "\(name): p = \(DisplayFormat.pValue(p.value))")
            }
        }
        canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, cssClass: "axis")
        canvas.text("p-value", x: 64, y: (top + bottom) / 2, anchor: .middle, cssClass: "axis-label", rotate: -90)
        return canvas.render()
    }
}
