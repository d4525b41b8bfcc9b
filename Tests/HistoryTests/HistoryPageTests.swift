import Foundation
import History
import RandomnessCore
import Testing

@Suite struct HistoryPageTests {
    /// Ten nights of a device whose name is markup, with H, a claim, alarms and one night below
    /// the claim: the page charts them, lists the finding and escapes every string.
    @Test func pageChartsEntropyClaimAlarmsAndEscapes() {
        var generator = Xoshiro256StarStar(seed: 21)
        let device = "<b>rig</b> & 'co'"
        let nights = (0..<10).map { index -> HistoryNight in
            var night = SyntheticNights.night(device: device, index: index, z: SyntheticNights.normal(&generator),
                                              h: index == 8 ? 7.2 : 7.9, claim: 7.5, generator: &generator)
            night.row.healthAlarms = index == 8 ? 3 : 0
            night.row.inputPath = "night-\(index + 1)<script>.bin"
            return night
        }
        let page = HistoryPage.html(nights: nights, rules: DriftRules(), generatedAt: "2026-12-05T14:00:00.000Z")
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.hasSuffix("</html>\n"))
        #expect(!page.contains("<b>rig") && page.contains("&lt;b&gt;rig&lt;/b&gt; &amp; &#39;co&#39;"))
        #expect(!page.contains("<script") && page.contains("&lt;script&gt;"))
        #expect(page.contains("-min-entropy\"") && page.contains("class=\"claim\"") && page.contains("claimed H = 7.5"))
        #expect(page.contains("-alarms\"") && page.contains("-bias\"") && page.contains("data-test=\"Frequency\""))
        #expect(page.contains("entropy-below-claim") && page.contains("at night 9"))
        #expect(page.contains("data-findings=\"\(DriftRules().check(nights).count)\""))
        // No script, no external resource.
        #expect(!page.contains("src=") && !page.contains("<link") && !page.contains("<script"))
    }

    @Test func tableAndFindingsEscapeControlCharacters() {
        var generator = Xoshiro256StarStar(seed: 22)
        var night = SyntheticNights.night(device: "dev\u{1B}[2J", index: 0, z: 0, generator: &generator)
        night.row.inputPath = "a\nb.bin"
        let table = HistoryTable.text([night])
        #expect(!table.contains("\u{1B}") && table.contains("dev\\u{1B}[2J") && table.contains("a\\u{A}b.bin"))
        #expect(table.hasSuffix("1 report"))
        let finding = DriftFinding(device: "dev\u{1B}", rule: .biasTrend, test: "ENT bit balance", night: 1, time: "t",
                                   inputPath: "x\u{7}", detail: "d")
        let text = HistoryTable.findings([finding])
        #expect(!text.contains("\u{1B}") && !text.contains("\u{7}") && text.hasPrefix("drift: device 'dev\\u{1B}': bias-trend"))
    }
}
