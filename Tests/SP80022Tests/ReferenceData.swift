import Foundation
import RandomnessCore
@testable import SP80022

/// Paths of the package and of the shared reference data (read in place, never copied).
enum Paths {
    /// The package root, from this file's path (Tests/SP80022Tests/ReferenceData.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `shared/reference/sp800-22` next to the package root (or next to one of its parents,
    /// for worktrees one level deeper); nil when absent.
    static let sp80022Reference: URL? = {
        var dir = packageRoot.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("shared/reference/sp800-22")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("expected").path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    static var referenceAvailable: Bool { sp80022Reference != nil }

    /// Fixtures/sp800-22/sts-2.1.2-final-analysis/<name>.
    static func finalAnalysisFixture(_ name: String) -> URL {
        packageRoot.appendingPathComponent("Fixtures/sp800-22/sts-2.1.2-final-analysis").appendingPathComponent(name)
    }
}

/// One of NIST's five sample data sets and STS 2.1.2's p-values on its first 10^6 bits.
struct ReferenceDataSet: Sendable, CustomStringConvertible {
    let name: String
    var description: String { name }

    static let all = ["data.e", "data.pi", "data.sqrt2", "data.sqrt3", "data.sha1"].map(ReferenceDataSet.init)

    /// data.sha1 is packed binary (MSB first); the others are ASCII '0'/'1'.
    var isBinary: Bool { name == "data.sha1" }

    /// The whole file decoded as STS reads it.
    func bits() throws -> BitSequence {
        let url = Paths.sp80022Reference!.appendingPathComponent(name)
        let bytes = [UInt8](try Data(contentsOf: url))
        let options = DecodingOptions(format: isBinary ? .raw : .ascii01, bitOrder: .msb)
        return try InputDecoder.bits(from: bytes, options: options, name: name)
    }

    /// The expected-values file (`expected/<name>.json`).
    func expected() throws -> ExpectedPValues {
        let url = Paths.sp80022Reference!.appendingPathComponent("expected/\(name).json")
        return try JSONDecoder().decode(ExpectedPValues.self, from: Data(contentsOf: url))
    }
}

/// The parts of `expected/data.*.json` the tests use.
struct ExpectedPValues: Decodable {
    let dataset: String
    /// Every p-value of STS 2.1.2, printed with 17 significant digits, by STS test name.
    let tests_17g: [String: [Double]]
    /// Tests STS skipped (placeholders in `tests_17g`).
    let not_applicable: [String]
}

/// One row of STS's finalAnalysisReport.txt.
struct STSReportRow: Equatable {
    let histogram: [Int]
    /// nil where STS prints "----".
    let uniformity: Double?
    let uniformityFlagged: Bool
    /// nil where STS prints "------" (empty sample).
    let passCount: Int?
    let sampleSize: Int?
    let proportionFlagged: Bool
    let test: String

    /// Parses the rows of a finalAnalysisReport.txt, in file order.
    static func parse(_ text: String) -> [STSReportRow] {
        var rows: [STSReportRow] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count >= 13, fields[0..<10].allSatisfy({ Int($0) != nil }) else { continue }
            let histogram = fields[0..<10].map { Int($0)! }
            var i = 10
            let uniformity = Double(fields[i])
            i += 1
            var uniformityFlagged = false
            if fields[i] == "*" { uniformityFlagged = true; i += 1 }
            var pass: Int? = nil, size: Int? = nil
            if fields[i] != "------" {
                let parts = fields[i].split(separator: "/")
                pass = Int(parts[0])
                size = Int(parts[1])
            }
            i += 1
            var proportionFlagged = false
            if fields[i] == "*" { proportionFlagged = true; i += 1 }
            rows.append(STSReportRow(histogram: histogram, uniformity: uniformity, uniformityFlagged: uniformityFlagged,
                                     passCount: pass, sampleSize: size, proportionFlagged: proportionFlagged, test: fields[i]))
        }
        return rows
    }
}

/// STS's results.txt files of one fixture run, turned back into per-stream outcomes.
struct STSFixtureRun {
    let name: String
    let streamCount: Int
    let streamLength: Int
    let report: [STSReportRow]

    init(name: String, streamCount: Int, streamLength: Int) throws {
        self.name = name
        self.streamCount = streamCount
        self.streamLength = streamLength
        let text = try String(contentsOf: Paths.finalAnalysisFixture(name).appendingPathComponent("finalAnalysisReport.txt"), encoding: .utf8)
        report = STSReportRow.parse(text)
    }

    /// The p-values STS wrote for `test`, in file order.
    func results(_ test: SP80022TestID) throws -> [Double] {
        let url = Paths.finalAnalysisFixture(name).appendingPathComponent("\(test.rawValue).results.txt")
        return try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isWhitespace).map { Double($0)! }
    }

    /// Per-stream outcomes rebuilt from results.txt: `slots` consecutive values per stream; an
    /// empty file means STS skipped the test (not applicable); for the excursion tests a stream
    /// of all-zero placeholders is one where STS found too few cycles (not applicable).
    func outcomes(_ test: SP80022TestID) throws -> [SP80022TestOutcome] {
        let values = try results(test)
        if values.isEmpty {
            return Array(repeating: .notApplicable(test, reason: "STS wrote no p-value"), count: streamCount)
        }
        let slots = values.count / streamCount
        precondition(slots * streamCount == values.count, "\(test.rawValue): \(values.count) values for \(streamCount) streams")
        return (0..<streamCount).map { s in
            let pValues = Array(values[s * slots..<(s + 1) * slots])
            let excursion = test == .randomExcursions || test == .randomExcursionsVariant
            if excursion && pValues.allSatisfy({ $0 == 0 }) {
                return .notApplicable(test, reason: "too few cycles (STS placeholder)")
            }
            return SP80022TestOutcome(test: test, pValues: pValues)
        }
    }

    /// The report rows of `test`, in order (one per slot).
    func rows(_ test: SP80022TestID) -> [STSReportRow] {
        report.filter { $0.test == test.rawValue }
    }
}
