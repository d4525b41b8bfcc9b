import Batch
import Foundation
import Testing

@Suite struct BatchInputsTests {
    @Test func directoryNamesAreSafeUniqueAndStable() {
        let names = BatchInputs.directoryNames(for: ["a/x.bin", "b/x.bin", "c/X.BIN", "../.hidden", "d/we ird<&>.bin", "summary.json", "/dev/hwrng", "e/x.bin"])
        #expect(names == ["x.bin", "x.bin-2", "X.BIN-3", "hidden", "we_ird___.bin", "input-summary.json", "hwrng", "x.bin-4"])
    }

    @Test func expandsDirectoriesGlobsAndListsInOrder() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("rngcert-batch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: base + "/d", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: base) }
        for name in ["d/b.bin", "d/a.bin", "d/.hidden", "d/a.bin.manifest.json", "c1.bin", "c2.bin"] {
            #expect(FileManager.default.createFile(atPath: base + "/" + name, contents: Data([1])))
        }
        try "# nightly\n\(base)/c2.bin\n\n  \(base)/gone.bin  \n".write(toFile: base + "/list", atomically: true, encoding: .utf8)
        let inputs = try BatchInputs.expand([base + "/d", base + "/c*.bin", base + "/nothing-*.bin"], list: base + "/list")
        #expect(inputs == [base + "/d/a.bin", base + "/d/b.bin", base + "/c1.bin", base + "/c2.bin", base + "/nothing-*.bin", base + "/gone.bin"])
        #expect(throws: BatchError.noInputs) { try BatchInputs.expand([], list: nil) }
        #expect(throws: BatchError.self) { try BatchInputs.expand([], list: base + "/no-list") }
    }

    @Test func xmlEscapingKeepsTheFileWellFormed() {
        #expect(XMLText.escape("a&b<c>\"d'") == "a&amp;b&lt;c&gt;&quot;d&apos;")
        #expect(XMLText.escape("bell\u{07}tab\tnl\n") == "bell\\u{7}tab&#9;nl&#10;")
        #expect(XMLText.escape("π ✓") == "π ✓")
    }
}
