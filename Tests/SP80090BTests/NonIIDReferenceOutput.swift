import Foundation

/// The parsed text output of `ea_non_iid -vv` (a `.res` file): every "label = value" figure,
/// the status lines, and the header facts.
struct NonIIDReferenceOutput {
    /// Figures by label, e.g. "Bitstring Collision Estimate: X-bar" → 2.50029…
    var figures: [String: Double] = [:]
    /// Labels in file order.
    var labels: [String] = []
    /// Lines such as "Literal Collision Estimate: Found p." and "… P_local can't change the result."
    var statusLines: [String] = []
    /// From "Loaded N samples of K distinct W-bit-wide symbols".
    var loaded: (samples: Int, distinct: Int, bits: Int)?
    /// From "Number of Binary Symbols: N".
    var binarySymbols: Int?
    /// Lines starting with "Warning:" or "*** Warning:", without the stars.
    var warnings: [String] = []

    init(text: String) {
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("Loaded ") {
                let words = line.split(separator: " ")
                let bits = words.first { $0.hasSuffix("-bit-wide") }.map { Int($0.dropLast("-bit-wide".count))! }
                loaded = (Int(words[1])!, Int(words[4])!, bits!)
                continue
            }
            if line.contains("Warning:") {
                warnings.append(line.trimmingCharacters(in: CharacterSet(charactersIn: "* \t")))
                continue
            }
            if line.hasPrefix("Number of Binary Symbols: ") {
                binarySymbols = Int(line.dropFirst("Number of Binary Symbols: ".count))
                continue
            }
            if line.hasSuffix("Found p.") || line.contains("Could Not Find p.") || line.hasSuffix("P_local can't change the result.") {
                statusLines.append(line)
                continue
            }
            // "label = value" (estimates, H_bitstring) or "H_original: value" / "Assessed min entropy: value".
            var label: Substring, value: Substring
            if let eq = line.range(of: " = ") {
                label = line[..<eq.lowerBound]
                value = line[eq.upperBound...]
            } else if line.hasPrefix("H_original: ") || line.hasPrefix("Assessed min entropy: ") {
                let colon = line.range(of: ": ")!
                label = line[..<colon.lowerBound]
                value = line[colon.upperBound...]
            } else {
                continue
            }
            guard let number = Double(value) else { continue }
            labels.append(String(label))
            figures[String(label)] = number
        }
    }
}

/// Where the shared reference data lives: `../shared/reference` beside the package root (for a
/// checkout one level further down, such as a git worktree, the nearest ancestor's).
enum NonIIDReferenceData {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sp80090b: URL = {
        var directory = packageRoot.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("shared/reference/sp800-90b")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/reference/sp800-90b")
    }()
    static let fixtures = packageRoot.appendingPathComponent("Fixtures/sp800-90b")

    static var available: Bool { FileManager.default.fileExists(atPath: sp80090b.path) }

    /// The sample files (*.bin) that have a reference output (*.res).
    static var sampleNames: [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: sp80090b.path) else { return [] }
        return names.filter { $0.hasSuffix(".bin") }.map { String($0.dropLast(4)) }
            .filter { FileManager.default.fileExists(atPath: sp80090b.appendingPathComponent($0 + ".res").path) }
            .sorted()
    }
}

/// A figure agrees when it is within 1e-6 of the reference, relative to the reference's
/// magnitude (so tiny values such as p-hat_max ≈ 1e-39 are held to the same relative standard).
func agreesWithReference(_ value: Double, _ reference: Double, tolerance: Double = 1e-6) -> Bool {
    if value == reference { return true }
    return abs(value - reference) <= tolerance * max(abs(reference), Double.leastNormalMagnitude)
}
