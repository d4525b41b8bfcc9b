import Foundation
import Testing
@testable import ENT

/// `ENTTextReport` against Debian's `ent` itself: for every sample file and every flag
/// combination (-b, -c, -t, -f and their combinations), the bytes on standard output
/// must be identical.
@Suite(.enabled(if: ENTReferenceProgram.isAvailable, "Debian's ent is not installed (apt-get install ent); parity tests skipped"))
struct ENTParityTests {
    /// ent's flags as one short-flag group, e.g. "-bct"; "" for none.
    struct Flags: CustomStringConvertible {
        var binary = false, counts = false, terse = false, fold = false
        var argument: String {
            let letters = (binary ? "b" : "") + (counts ? "c" : "") + (terse ? "t" : "") + (fold ? "f" : "")
            return letters.isEmpty ? "" : "-" + letters
        }
        var description: String { argument.isEmpty ? "(no flags)" : argument }

        static let all: [Flags] = (0..<16).map { m in
            Flags(binary: m & 1 != 0, counts: m & 2 != 0, terse: m & 4 != 0, fold: m & 8 != 0)
        }
    }

    static func accumulate(_ bytes: [UInt8], fold: Bool) -> ENTAccumulator {
        var accumulator = ENTAccumulator(foldingCase: fold)
        accumulator.add(bytes)
        return accumulator
    }

    @Test(arguments: ENTSampleFiles.all.map(\.name))
    func outputMatchesEntForEveryFlagCombination(_ name: String) throws {
        let bytes = ENTSampleFiles.all.first { $0.name == name }!.bytes
        let directory = try TemporaryDirectory()
        let path = try directory.file(name, bytes)
        let accumulators = [false: Self.accumulate(bytes, fold: false), true: Self.accumulate(bytes, fold: true)]
        for flags in Flags.all {
            let expected = try ENTReferenceProgram.run(flags.argument.isEmpty ? [path] : [flags.argument, path])
            let statistics = accumulators[flags.fold]!.statistics(mode: flags.binary ? .bit : .byte)
            let actual = ENTTextReport.render(statistics, counts: flags.counts, terse: flags.terse)
            #expect(actual == expected, "\(name) \(flags): output differs from ent's\n--- ent\n\(String(decoding: expected, as: UTF8.self))\n--- ours\n\(String(decoding: actual, as: UTF8.self))")
        }
    }
}
