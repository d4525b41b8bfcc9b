@testable import Certification
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The SVG builders: well-formed XML, accessible (role, title, description), every shape
/// inside the view box, and marks whose sizes follow the data.
@Suite("HTML SVG charts")
struct SVGChartTests {
    /// Parses `svg`, checks the common contract and returns the root element.
    func checkedRoot(_ svg: String) throws -> XMLElement {
        let document = try XMLCheck.document(svg)
        let root = try #require(document.rootElement())
        #expect(root.name == "svg")
        #expect(XMLCheck.attribute(root, "role") == "img")
        let id = try #require(XMLCheck.attribute(root, "id"))
        #expect(XMLCheck.attribute(root, "aria-labelledby") == "\(id)-title \(id)-desc")
        let title = try #require(root.elements(forName: "title").first)
        #expect(XMLCheck.attribute(title, "id") == "\(id)-title")
        #expect(!(title.stringValue ?? "").isEmpty)
        let desc = try #require(root.elements(forName: "desc").first)
        #expect(XMLCheck.attribute(desc, "id") == "\(id)-desc")
        #expect(!(desc.stringValue ?? "").isEmpty)
        #expect(!svg.contains("http://") && !svg.contains("https://"))
        // Every shape lies in the view box.
        let box = try #require(XMLCheck.attribute(root, "viewBox")).split(separator: " ").compactMap { Double($0) }
        #expect(box.count == 4)
        let width = box[2], height = box[3]
        for node in try root.nodes(forXPath: ".//rect | .//circle | .//line") {
            let a = { (name: String) in XMLCheck.attribute(node, name).flatMap(Double.init) }
            for x in [a("x"), a("cx"), a("x1"), a("x2")].compactMap({ $0 }) { #expect(x >= -0.01 && x <= width + 0.01) }
            for y in [a("y"), a("cy"), a("y1"), a("y2")].compactMap({ $0 }) { #expect(y >= -0.01 && y <= height + 0.01) }
            if let x = a("x"), let w = a("width") { #expect(x + w <= width + 0.01) }
            if let y = a("y"), let h = a("height") { #expect(y + h <= height + 0.01 && h >= 0) }
        }
        return root
    }

    func shapes(_ root: XMLElement, _ name: String, cssClass: String) throws -> [XMLElement] {
        try root.nodes(forXPath: ".//\(name)[@class='\(cssClass)']").compactMap { $0 as? XMLElement }
    }

    func number(_ element: XMLElement, _ name: String) -> Double { XMLCheck.attribute(element, name).flatMap(Double.init) ?? .nan }

    @Test("p-value histogram: ten bars with heights proportional to the counts")
    func histogram() throws {
        let counts = [12, 7, 10, 9, 11, 10, 8, 13, 10, 10]
        let root = try checkedRoot(PValueHistogramChart.svg(histogram: counts, id: "h", title: "Histogram"))
        let bars = try shapes(root, "rect", cssClass: "bar")
        #expect(bars.count == 10)
        let heights = bars.map { number($0, "height") }
        let unit = heights[0] / 12
        for (h, c) in zip(heights, counts) { #expect(abs(h - unit * Double(c)) < 0.02) }
        // The expectation line (total / 10) and bins left to right.
        #expect(try shapes(root, "line", cssClass: "expected").count == 1)
        let xs = bars.map { number($0, "x") }
        #expect(xs == xs.sorted())
        #expect(bars[9].stringValue?.contains("[0.9, 1.0]: 10") == true)
    }

    @Test("histogram of an empty sample still draws a valid chart")
    func emptyHistogram() throws {
        let root = try checkedRoot(PValueHistogramChart.svg(histogram: [Int](repeating: 0, count: 10), id: "e", title: "Empty"))
        #expect(try shapes(root, "rect", cssClass: "bar").allSatisfy { number($0, "height") == 0 })
    }

    @Test("byte frequencies: 256 bars, deviations beyond ±3σ in red")
    func byteFrequency() throws {
        // 1000 of each byte value, but 1200 of value 7 and 900 of value 200: n = 256,100,
        // E = n/256, σ = √(E·255/256), z = (count − E)/σ ≈ 6.32 and −3.18.
        var counts = [UInt64](repeating: 1000, count: 256)
        counts[7] = 1200
        counts[200] = 900
        let root = try checkedRoot(ByteFrequencyChart.svg(counts: counts, id: "b"))
        let bars = try shapes(root, "rect", cssClass: "bar")
        #expect(bars.count == 256)
        let heights = bars.map { number($0, "height") }
        #expect(abs(heights[7] / heights[0] - 1.2) < 0.001)
        #expect(abs(heights[200] / heights[0] - 0.9) < 0.001)
        let red = try shapes(root, "rect", cssClass: "bar fail")
        #expect(red.count == 2)
        let e = 256_100.0 / 256, sigma = (e * 255 / 256).squareRoot()
        #expect(red.map { $0.stringValue ?? "" } == ["byte 7 (0x07): z = \(DisplayFormat.fixed((1200 - e) / sigma, 2))",
                                                     "byte 200 (0xc8): z = \(DisplayFormat.fixed((900 - e) / sigma, 2))"])
        #expect(try shapes(root, "rect", cssClass: "bar muted").count == 254)
    }

    @Test("proportion chart: one dot per slot, failing slots red, bars on the accepted range")
    func proportions() throws {
        let tests = [
            ProportionChart.Test(name: "Frequency", slots: [
                .init(label: "", proportion: 1, lower: 7.0 / 8, upper: 1, sampleSize: 8, minimumPassCount: 7, maximumPassCount: 8, failed: false)]),
            ProportionChart.Test(name: "Serial", slots: [
                .init(label: "a", proportion: 0.75, lower: 7.0 / 8, upper: 1, sampleSize: 8, minimumPassCount: 7, maximumPassCount: 8, failed: true),
                .init(label: "b", proportion: 0.875, lower: 7.0 / 8, upper: 1, sampleSize: 8, minimumPassCount: 7, maximumPassCount: 8, failed: false)]),
        ]
        let root = try checkedRoot(ProportionChart.svg(tests: tests, expected: 0.99, id: "p"))
        #expect(try shapes(root, "circle", cssClass: "dot").count == 2)
        let failed = try shapes(root, "circle", cssClass: "dot fail")
        #expect(failed.count == 1)
        #expect(failed[0].stringValue == "Serial a: proportion 0.7500, accepted 7–8 of 8 (fails)")
        #expect(try shapes(root, "line", cssClass: "interval").count == 3)
        // Higher proportions sit higher (smaller y).
        let dots = try root.nodes(forXPath: ".//circle").compactMap { $0 as? XMLElement }
        #expect(number(dots[0], "cy") < number(dots[2], "cy") && number(dots[2], "cy") < number(dots[1], "cy"))
    }

    @Test("p-value strip chart: dots below α red")
    func strip() throws {
        let tests = [PValueStripChart.Test(name: "Runs", pValues: [("", 0.5)]),
                     PValueStripChart.Test(name: "Serial", pValues: [("a", 0.004), ("b", 0.99)])]
        let root = try checkedRoot(PValueStripChart.svg(tests: tests, alpha: 0.01, id: "s"))
        #expect(try shapes(root, "circle", cssClass: "dot").count == 2)
        #expect(try shapes(root, "circle", cssClass: "dot fail").map { $0.stringValue } == ["Serial a: p = 0.004000"])
        #expect(try shapes(root, "line", cssClass: "threshold").count == 1)
    }

    @Test("min-entropy bars: lengths proportional, lowest emphasised, assessed line")
    func minEntropy() throws {
        let groups = [MinEntropyChart.Group(title: "Literal", bars: [
            .init(label: "MCV", value: 7.5, lowest: false), .init(label: "Lag", value: 6.0, lowest: true)])]
        let root = try checkedRoot(MinEntropyChart.svg(groups: groups, maximum: 8, assessed: 6.0, id: "m", title: "Min-entropy"))
        let plain = try shapes(root, "rect", cssClass: "bar")
        let lowest = try shapes(root, "rect", cssClass: "bar lowest")
        #expect(plain.count == 1 && lowest.count == 1)
        #expect(abs(number(plain[0], "width") / number(lowest[0], "width") - 7.5 / 6.0) < 0.001)
        let line = try #require(try shapes(root, "line", cssClass: "threshold").first)
        #expect(abs(number(line, "x1") - (number(lowest[0], "x") + number(lowest[0], "width"))) < 0.02)
    }

    @Test("sparkline: ten bars, accessible")
    func sparkline() throws {
        let root = try checkedRoot(HistogramSparkline.svg(histogram: [1, 0, 3, 0, 3, 0, 0, 1, 0, 0], id: "k", label: "Frequency"))
        #expect(try shapes(root, "rect", cssClass: "spark").count == 10)
    }

    @Test("text in charts is escaped")
    func escaping() throws {
        let groups = [MinEntropyChart.Group(title: "<b>&\"'", bars: [.init(label: "a<b", value: 1, lowest: true)])]
        let root = try checkedRoot(MinEntropyChart.svg(groups: groups, maximum: 8, assessed: nil, id: "x\"y", title: "T & <U>"))
        #expect(root.elements(forName: "title").first?.stringValue == "T & <U>")
        #expect(try root.nodes(forXPath: ".//text").contains { $0.stringValue == "<b>&\"'" })
    }

    @Test("ticks are round numbers inside the domain")
    func ticks() {
        let unit = ChartScale(domain: 0...1, from: 0, to: 100).ticks(5)
        #expect(unit.count == 6)
        for (tick, expected) in zip(unit, [0, 0.2, 0.4, 0.6, 0.8, 1.0]) { #expect(abs(tick - expected) < 1e-12) }
        // 4300 / 4 = 1075: the next round step is 2000.
        #expect(ChartScale(domain: 0...4300, from: 0, to: 100).ticks(4) == [0, 2000, 4000])
        #expect(ChartScale(domain: 0...4300, from: 0, to: 100).ticks(5) == [0, 1000, 2000, 3000, 4000])
        #expect(ChartScale.niceStep(0.23) == 0.5)
        #expect(ChartScale.label(4000, step: 1000) == "4,000")
        #expect(ChartScale.label(0.25, step: 0.05) == "0.25")
    }
}
