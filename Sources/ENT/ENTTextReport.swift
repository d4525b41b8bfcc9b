/// `ent`'s text output, byte for byte: the plain report, the terse CSV (`-t`) and the
/// occurrence table (`-c`), for one mode's statistics.
///
/// The output is raw bytes, not a String: the `-c` table prints Latin-1 bytes 0xA1–0xFF
/// as themselves, as `ent` does. Undefined figures print as `ent` prints them on x86-64:
/// 0/0 gives "-nan" (chi-square, mean, Monte Carlo π, fractions of an empty input), the
/// Monte Carlo error and the exceedance of an empty input "nan", and an undefined serial
/// correlation "undefined (all values equal!)" (terse: -100000.000000).
public enum ENTTextReport {
    /// The NaN `ent` gets from 0/0 (x86's default NaN has the sign bit set).
    static let zeroOverZero = -Double.nan
    /// `ent`'s marker for an undefined serial correlation.
    static let undefinedCorrelation = -100000.0

    /// The report `ent` prints for these statistics with `-c` (`counts`) and `-t` (`terse`).
    public static func render(_ s: ENTStatistics, counts: Bool = false, terse: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(counts ? 12_000 : 600)
        let samp = s.mode == .byte ? "byte" : "bit"
        let total = Int64(s.sampleCount)
        let chiSquare = s.chiSquare ?? zeroOverZero
        let mean = s.mean ?? zeroOverZero
        let pi = s.monteCarloPi ?? zeroOverZero

        if terse {
            CFormat.append(&out, literal: "0,File-\(samp)s,Entropy,Chi-square,Mean,Monte-Carlo-Pi,Serial-Correlation\n")
            CFormat.append(&out, "1,%lld,%f,%f,%f,%f,%f\n", total, s.entropy, chiSquare, mean, pi,
                           s.serialCorrelation ?? undefinedCorrelation)
        }
        if counts {
            appendCounts(&out, s, terse: terse)
        }
        guard !terse else { return out }

        CFormat.append(&out, "Entropy = %f bits per \(samp).\n", s.entropy)
        CFormat.append(&out, literal: "\nOptimum compression would reduce the size\n")
        CFormat.append(&out, "of this %lld \(samp) file by %d percent.\n\n", total, Int32(s.optimumCompressionPercent))
        CFormat.append(&out, "Chi square distribution for %lld samples is %1.2f, and randomly\n", total, chiSquare)
        let chip = s.chiSquare.map {
            ENTChiSquareApproximation.exceedanceProbability($0, degreesOfFreedom: s.degreesOfFreedom)
        } ?? Double.nan
        if chip < 0.0001 {
            CFormat.append(&out, literal: "would exceed this value less than 0.01 percent of the times.\n\n")
        } else if chip > 0.9999 {
            CFormat.append(&out, literal: "would exceed this value more than than 99.99 percent of the times.\n\n")
        } else {
            CFormat.append(&out, "would exceed this value %1.2f percent of the times.\n\n", chip * 100)
        }
        CFormat.append(&out, "Arithmetic mean value of data \(samp)s is %1.4f (%.1f = random).\n", mean, s.mode.randomMean)
        CFormat.append(&out, "Monte Carlo value for Pi is %1.9f (error %1.2f percent).\n",
                       pi, s.monteCarloErrorPercent ?? Double.nan)
        CFormat.append(&out, literal: "Serial correlation coefficient is ")
        if let scc = s.serialCorrelation {
            CFormat.append(&out, "%1.6f (totally uncorrelated = 0.0).\n", scc)
        } else {
            CFormat.append(&out, literal: "undefined (all values equal!).\n")
        }
        return out
    }

    /// The `-c` table: every symbol in CSV (`3,value,count,fraction`), or the symbols
    /// that occur with their Latin-1 character and a total line.
    static func appendCounts(_ out: inout [UInt8], _ s: ENTStatistics, terse: Bool) {
        let total = Int64(s.sampleCount)
        func fraction(_ count: UInt64) -> Double {
            s.sampleCount == 0 ? zeroOverZero : Double(count) / Double(s.sampleCount)
        }
        if terse {
            CFormat.append(&out, literal: "2,Value,Occurrences,Fraction\n")
            for (value, count) in s.counts.enumerated() {
                CFormat.append(&out, "3,%d,%lld,%f\n", Int32(value), Int64(count), fraction(count))
            }
            return
        }
        CFormat.append(&out, literal: "Value Char Occurrences Fraction\n")
        for (value, count) in s.counts.enumerated() where count > 0 {
            CFormat.append(&out, "%3d   ", Int32(value))
            out.append(ENTLatin1.isShownInCountTable(UInt8(value)) ? UInt8(value) : 0x20)
            CFormat.append(&out, "   %10lld   %f\n", Int64(count), fraction(count))
        }
        CFormat.append(&out, "\nTotal:    %10lld   %f\n\n", total, 1.0)
    }
}
