/// The entropy figures of a qualification as one bar chart (bits per sample): each estimate
/// from the raw noise to the validated value, with the submitter's claim drawn as a line.
public enum EntropyChainChart {
    public static func svg(bars: [(label: String, value: Double)], maximum: Double, claim: Double?, id: String, title: String) -> String {
        let lowest = bars.map(\.value).min()
        let group = MinEntropyChart.Group(title: "estimates (bits per sample)", bars: bars.map {
            MinEntropyChart.Bar(label: $0.label, value: $0.value, lowest: $0.value == lowest)
        })
        return MinEntropyChart.svg(groups: [group], maximum: maximum, assessed: claim, id: id, title: title)
    }
}
