import ArgumentParser
import Foundation
import RandomnessCore
import SP80090B

/// Parsing and printing shared by `rngcert entropy …` and the SP 800-90B options of `assess`.
enum EntropyArguments {
    /// "index,samples", two non-negative integers (ea_non_iid's -l).
    static func subset(_ text: String, option: String) throws -> NonIIDOptions.Subset {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let index = Int(parts[0]), let samples = Int(parts[1]), index >= 0, samples >= 0 else {
            throw ValidationError("\(option) '\(text)': expected INDEX,SAMPLES, two non-negative integers (e.g. 0,1000000)")
        }
        let subset = NonIIDOptions.Subset(index: index, samples: samples)
        do { try subset.validate() } catch {
            throw ValidationError("\(option) '\(text)': block \(index) of \(samples) samples would start past sample \(Int.max) (INDEX × SAMPLES overflows)")
        }
        return subset
    }

    /// A 64-bit seed in decimal or 0x-hex.
    static func seed(_ text: String, option: String) throws -> UInt64 {
        let lower = text.lowercased()
        let value = lower.hasPrefix("0x") ? UInt64(lower.dropFirst(2), radix: 16) : UInt64(lower)
        guard let value else { throw ValidationError("\(option) '\(text)': expected an unsigned 64-bit integer, decimal or 0x-hex") }
        return value
    }

    /// A probability in (0, 1), written as a number or as 2^-k.
    static func probability(_ text: String, option: String) throws -> Double {
        let value: Double?
        if text.hasPrefix("2^") {
            value = Double(text.dropFirst(2)).map { exp2($0) }
        } else {
            value = Double(text)
        }
        guard let value, value > 0, value < 1 else {
            throw ValidationError("\(option) '\(text)': expected a probability strictly between 0 and 1, e.g. 2^-20 or 0.000001")
        }
        do { try HealthTestParameters.validate(falsePositiveProbability: value) } catch {
            throw ValidationError("\(option) '\(text)': too large: a health-test cutoff would be 1, an alarm on every sample (α ≤ 0.5 always works)")
        }
        return value
    }

    /// A bits-per-symbol argument, 1…8.
    static func bitsPerSymbol(_ text: String, name: String) throws -> Int {
        guard let bits = Int(text), (1...8).contains(bits) else {
            throw ValidationError("\(name) '\(text)': must be an integer between 1 and 8")
        }
        return bits
    }

    /// The whole input: a file, a device (with no limit it must end) or '-' for standard input.
    static func read(_ path: String) throws -> [UInt8] {
        try InputSource(path: path).readAll(byteLimit: nil)
    }

    /// printf's %.17g: every double printed so that it reads back exactly (the reference's
    /// verbose format).
    static func g17(_ x: Double) -> String { String(format: "%.17g", x) }

    /// printf's %f.
    static func f6(_ x: Double) -> String { String(format: "%f", x) }

}
