import Foundation
import RandomnessCore

/// The chi-square tests of SP 800-90B 5.2.1–5.2.4 as `ea_iid` computes them
/// (chi_square_tests.h), on the translated symbols.
///
/// Known trap, matched on purpose: the binary independence test (5.2.3) uses the standard's
/// 2^m − 2 degrees of freedom with p estimated from the data and m chosen as large as the
/// expectation rule allows; the reference's statistic is known to reject IID binary data more
/// often than the nominal 0.001. rngcert reproduces the reference's statistic and df exactly.
enum ChiSquareTests {
    static func run(_ data: IIDSampleData) throws(NumericsError) -> ChiSquareResults {
        if data.isBinary {
            return ChiSquareResults(independence: try binaryIndependence(data.symbols),
                                    goodnessOfFit: try binaryGoodnessOfFit(data.symbols))
        }
        let p = data.referenceProportions()
        return ChiSquareResults(independence: try independence(data.symbols, proportions: p),
                                goodnessOfFit: try goodnessOfFit(data.symbols, proportions: p))
    }

    /// 5.2.1: expected count of pair (a, b) is p_a·p_b·⌊L/2⌋ over non-overlapping pairs;
    /// df = bins − k.
    static func independence(_ s: [UInt8], proportions p: [Double]) throws(NumericsError) -> ChiSquareTestResult {
        let k = p.count
        let pairs = (Double(s.count) * 0.5).rounded(.down)
        var cells = [Double](repeating: 0, count: k * k)
        for i in 0..<k { for j in 0..<k { cells[i * k + j] = p[i] * p[j] * pairs } }
        let binning = ChiSquareBinning(cellExpectations: cells)
        var observed = [Int](repeating: 0, count: binning.expectations.count)
        var j = 0
        while j < s.count - 1 {
            observed[binning.binOfCell[Int(s[j]) * k + Int(s[j + 1])]] += 1
            j += 2
        }
        return try ChiSquareTestResult(test: .independence, statistic: binning.statistic(observed: observed),
                                       degreesOfFreedom: binning.expectations.count - k)
    }

    /// 5.2.2: expected count of symbol a in each of ten sub-sequences is p_a·⌊L/10⌋;
    /// df = 9·(bins − 1).
    static func goodnessOfFit(_ s: [UInt8], proportions p: [Double]) throws(NumericsError) -> ChiSquareTestResult {
        let perBlock = (Double(s.count) / 10.0).rounded(.down)
        let binning = ChiSquareBinning(cellExpectations: p.map { $0 * perBlock })
        let blockSize = s.count / 10
        var t = 0.0
        for d in 0..<10 {
            var observed = [Int](repeating: 0, count: binning.expectations.count)
            for i in (d * blockSize)..<((d + 1) * blockSize) { observed[binning.binOfCell[Int(s[i])]] += 1 }
            t += binning.statistic(observed: observed)
        }
        return try ChiSquareTestResult(test: .goodnessOfFit, statistic: t,
                                       degreesOfFreedom: 9 * (binning.expectations.count - 1))
    }

    /// 5.2.3: m is the largest value ≤ 11 with min(p0, p1)^m·⌊L/m⌋ ≥ 5; counts of the ⌊L/m⌋
    /// non-overlapping m-bit tuples against p1^w·p0^(m−w)·⌊L/m⌋; df = 2^m − 2. With m < 2
    /// the reference reports T = 0, df = 0 (p = 1).
    static func binaryIndependence(_ bits: [UInt8]) throws(NumericsError) -> ChiSquareTestResult {
        let n = bits.count
        var ones = 0.0
        for b in bits { ones += Double(b) }
        let p1 = ones / Double(n)
        let p0 = 1.0 - p1
        let minP = min(p0, p1)
        var m = 11
        while m > 1 {
            if pow(minP, Double(m)) * Double(n / m) >= 5 { break }
            m -= 1
        }
        guard m >= 2 else {
            return try ChiSquareTestResult(test: .binaryIndependence, statistic: 0, degreesOfFreedom: 0)
        }
        let blocks = n / m
        var occurrences = [Int](repeating: 0, count: 1 << m)
        for b in 0..<blocks {
            var symbol = 0
            for j in 0..<m { symbol = (symbol << 1) | Int(bits[b * m + j]) }
            occurrences[symbol] += 1
        }
        var t = 0.0
        for (tuple, o) in occurrences.enumerated() {
            let w = tuple.nonzeroBitCount
            let e = pow(p1, Double(w)) * pow(p0, Double(m - w)) * Double(blocks)
            let d = Double(o) - e
            t += d * d / e
        }
        return try ChiSquareTestResult(test: .binaryIndependence, statistic: t, degreesOfFreedom: (1 << m) - 2)
    }

    /// 5.2.4: ones in ten sub-sequences of ⌊L/10⌋ bits against p·⌊L/10⌋; df = 9.
    static func binaryGoodnessOfFit(_ bits: [UInt8]) throws(NumericsError) -> ChiSquareTestResult {
        let n = bits.count
        let sub = n / 10
        var ones = 0
        for b in bits { ones += Int(b) }
        let p = Double(ones) / Double(n)
        let e0 = (1.0 - p) * Double(sub)
        let e1 = p * Double(sub)
        var t = 0.0
        for d in 0..<10 {
            var o1 = 0
            for j in 0..<sub { o1 += Int(bits[d * sub + j]) }
            let o0 = sub - o1
            let d0 = Double(o0) - e0, d1 = Double(o1) - e1
            t += (d0 * d0 / e0) + (d1 * d1 / e1)
        }
        return try ChiSquareTestResult(test: .binaryGoodnessOfFit, statistic: t, degreesOfFreedom: 9)
    }
}
