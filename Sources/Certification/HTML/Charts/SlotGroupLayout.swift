/// The x layout of a chart with one mark per p-value slot, grouped by SP 800-22 test: each
/// test gets a fixed padding plus an equal share per slot, so a one-slot test still has room
/// for its label and the 148 templates of Non-overlapping Template stay readable.
struct SlotGroupLayout {
    struct Group {
        let name: String
        let start: Double
        let end: Double
        /// The x of each slot's mark.
        let positions: [Double]
    }

    let groups: [Group]

    init(slotCounts: [(name: String, count: Int)], left: Double, right: Double, padding: Double = 22) {
        let total = slotCounts.reduce(0) { $0 + $1.count }
        let free = (right - left) - padding * Double(slotCounts.count)
        let unit = total > 0 ? max(free, 0) / Double(total) : 0
        var x = left
        var groups: [Group] = []
        for (name, count) in slotCounts {
            let width = padding + unit * Double(count)
            let inner = x + padding / 2
            let positions = (0..<count).map { inner + unit * (Double($0) + 0.5) }
            groups.append(Group(name: name, start: x, end: x + width, positions: positions))
            x += width
        }
        self.groups = groups
    }

    /// Draws alternating background bands and each group's name, rotated, below `bottom`.
    func drawBands(on canvas: inout SVGCanvas, top: Double, bottom: Double) {
        for (i, group) in groups.enumerated() {
            if i % 2 == 1 {
                canvas.rect(x: group.start, y: top, width: group.end - group.start, height: bottom - top, cssClass: "band")
            }
            let center = (group.start + group.end) / 2
            canvas.text(group.name, x: center + 4, y: bottom + 12, anchor: .end, cssClass: "tick", rotate: -40)
        }
    }
}
