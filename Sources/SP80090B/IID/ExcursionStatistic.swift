/// The excursion statistic (SP 800-90B 5.1.1) exactly as `ea_iid` computes it:
/// max_c |S_c − c·mean| over c = 1…L, S_c the running sum of the first c raw values. ea_iid is
/// built with -march=native and GCC contracts `running_sum - ((i+1) * rawmean)` into one fused
/// multiply-add on FMA hardware, so each term is the exact value rounded once (the form it
/// prints); that is the value reproduced here on every machine.
///
/// Rounding is monotone, so the largest rounded term is the rounded largest exact term. With
/// mean = M·2^−k (integers M, k), the terms scaled by 2^k are the integers
/// D_c = S_c·2^k − c·M, accumulated exactly in 128 bits (D_c = D_{c−1} + x_c·2^k − M); only
/// the largest and smallest D_c matter, and the term at each is then evaluated with the
/// reference's expression. Inputs whose scaled terms could exceed 126 bits (never for
/// realistic lengths) use that expression at every c.
struct ExcursionStatistic: Sendable {
    let mean: Double
    /// k and M with mean = M·2^−k, or nil when the exact form might overflow.
    private let scale: (k: Int, numerator: UInt64)?
    /// x·2^k − M for each raw value x.
    private let increments: [Wide]
    /// Binary data: the raw values of samples 0 and 1 and the per-byte tables of their steps.
    private let binary: (low: UInt8, high: UInt8, tables: ByteTables)?

    /// `binaryValues`: for binary data, the raw values samples 0 and 1 stand for.
    init(mean: Double, sampleCount: Int, binaryValues: (low: UInt8, high: UInt8)? = nil) {
        self.mean = mean
        var scale: (k: Int, numerator: UInt64)?
        if mean > 0 && mean.isFinite {
            var numerator = mean.significandBitPattern | (mean.isNormal ? 1 << 52 : 0)
            var k = 52 - Int(mean.exponent)
            while k > 0 && numerator & 1 == 0 { numerator >>= 1; k -= 1 }
            // |D_c| ≤ max(S_c, c·mean)·2^k < 2^(8 + bits(L) + k) and c·M < 2^(bits(L) + 53).
            let lengthBits = Int.bitWidth - sampleCount.leadingZeroBitCount
            if k >= 0 && 8 + lengthBits + k <= 125 && lengthBits + 53 <= 125 {
                scale = (k, numerator)
            }
        }
        self.scale = scale
        if let scale {
            increments = (0..<256).map { Wide(value: $0, shiftedBy: scale.k) - Wide(scale.numerator) }
        } else {
            increments = []
        }
        if let binaryValues, scale != nil {
            binary = (binaryValues.low, binaryValues.high,
                      ByteTables(step0: increments[Int(binaryValues.low)], step1: increments[Int(binaryValues.high)]))
        } else {
            binary = nil
        }
    }

    /// The reference's term at c with running sum `sum`: |sum − c·mean| in one rounding.
    @inline(__always)
    private func term(sum: Double, count c: Int) -> Double {
        abs(sum.addingProduct(-Double(c), mean))
    }

    /// The statistic of raw values `x`.
    func maximum(_ x: UnsafeBufferPointer<UInt8>) -> Double {
        guard let scale else {
            var sum = 0
            var best = 0.0
            for i in 0..<x.count {
                sum &+= Int(x[i])
                best = max(best, term(sum: Double(sum), count: i + 1))
            }
            return best
        }
        var d = Wide.zero
        var high = Wide.zero, low = Wide.zero
        var highAt = 0, lowAt = 0
        increments.withUnsafeBufferPointer { increments in
            for i in 0..<x.count {
                d = d + increments[Int(x[i])]
                if d > high { high = d; highAt = i + 1 }
                if d < low { low = d; lowAt = i + 1 }
            }
        }
        return max(value(at: highAt, scaled: high, scale: scale), value(at: lowAt, scaled: low, scale: scale))
    }

    /// The statistic of binary samples packed in bytes (Conversion II layout: sample 8b + j is bit
    /// 7 − j of byte b; `count` samples), sample bit 0 standing for raw value `low`, 1 for `high`
    /// (the values given at initialization).
    func maximum(packed bytes: UnsafeBufferPointer<UInt8>, count: Int, low: UInt8, high: UInt8) -> Double {
        guard let scale, let binary, binary.low == low, binary.high == high else {
            var sum = 0
            var best = 0.0
            for i in 0..<count {
                sum &+= Int((bytes[i >> 3] >> UInt8(7 - i & 7)) & 1 == 1 ? high : low)
                best = max(best, term(sum: Double(sum), count: i + 1))
            }
            return best
        }
        // Per byte value: the extreme partial sums within the byte and where they occur.
        let step0 = increments[Int(low)], step1 = increments[Int(high)]
        let tables = binary.tables
        var d = Wide.zero
        var best = Wide.zero, worst = Wide.zero
        var bestAt = 0, worstAt = 0
        let whole = count / 8
        tables.highest.withUnsafeBufferPointer { highest in
            tables.lowest.withUnsafeBufferPointer { lowest in
                tables.total.withUnsafeBufferPointer { total in
                    for b in 0..<whole {
                        let v = Int(bytes[b])
                        let h = d + highest[v].offset
                        if h > best { best = h; bestAt = 8 * b + Int(highest[v].position) }
                        let l = d + lowest[v].offset
                        if l < worst { worst = l; worstAt = 8 * b + Int(lowest[v].position) }
                        d = d + total[v]
                    }
                }
            }
        }
        for i in (8 * whole)..<count {
            d = d + ((bytes[i >> 3] >> UInt8(7 - i & 7)) & 1 == 1 ? step1 : step0)
            if d > best { best = d; bestAt = i + 1 }
            if d < worst { worst = d; worstAt = i + 1 }
        }
        return max(value(at: bestAt, scaled: best, scale: scale), value(at: worstAt, scaled: worst, scale: scale))
    }

    /// The reference's term at c, its running sum recovered from D_c: S_c = (D_c + c·M) / 2^k.
    private func value(at c: Int, scaled d: Wide, scale: (k: Int, numerator: UInt64)) -> Double {
        guard c > 0 else { return 0 }
        let sum = (d + Wide(UInt64(c)) * scale.numerator).shiftedRight(by: scale.k)
        return term(sum: Double(sum), count: c)
    }

    /// For each byte value: the largest and smallest partial sum over its first 1…8 samples
    /// (with the sample count where it is reached) and the sum of all eight.
    private struct ByteTables: Sendable {
        var highest: [(offset: Wide, position: UInt8)] = []
        var lowest: [(offset: Wide, position: UInt8)] = []
        var total: [Wide] = []

        init(step0: Wide, step1: Wide) {
            for v in 0..<256 {
                var s = Wide.zero
                var hi = (offset: Wide.zero, position: UInt8(0)), lo = hi
                for j in 0..<8 {
                    s = s + ((v >> (7 - j)) & 1 == 1 ? step1 : step0)
                    if j == 0 || s > hi.offset { hi = (s, UInt8(j + 1)) }
                    if j == 0 || s < lo.offset { lo = (s, UInt8(j + 1)) }
                }
                highest.append(hi)
                lowest.append(lo)
                total.append(s)
            }
        }
    }
}

/// A signed 128-bit integer (two's complement in `high`:`low`), just what the excursion needs.
struct Wide: Sendable, Comparable {
    var high: Int64
    var low: UInt64

    static let zero = Wide(high: 0, low: 0)

    init(high: Int64, low: UInt64) {
        self.high = high
        self.low = low
    }

    init(_ v: UInt64) {
        self.init(high: 0, low: v)
    }

    /// value·2^shift for 0 ≤ value < 2^8 and 0 ≤ shift ≤ 118.
    init(value: Int, shiftedBy shift: Int) {
        let v = UInt64(value)
        if shift == 0 {
            self.init(high: 0, low: v)
        } else if shift < 64 {
            self.init(high: Int64(bitPattern: v >> UInt64(64 - shift)), low: v << UInt64(shift))
        } else {
            self.init(high: Int64(bitPattern: v << UInt64(shift - 64)), low: 0)
        }
    }

    @inline(__always)
    static func + (a: Wide, b: Wide) -> Wide {
        let (low, carry) = a.low.addingReportingOverflow(b.low)
        return Wide(high: a.high &+ b.high &+ (carry ? 1 : 0), low: low)
    }

    static prefix func - (a: Wide) -> Wide {
        let (low, carry) = (~a.low).addingReportingOverflow(1)
        return Wide(high: ~a.high &+ (carry ? 1 : 0), low: low)
    }

    static func - (a: Wide, b: Wide) -> Wide { a + (-b) }

    /// A non-negative value below 2^64 times m below 2^64 (the product fits: callers keep it below 2^126).
    static func * (a: Wide, m: UInt64) -> Wide {
        precondition(a.high == 0)
        let p = a.low.multipliedFullWidth(by: m)
        return Wide(high: Int64(bitPattern: p.high), low: p.low)
    }

    /// Arithmetic shift right by 0 ≤ s < 128 (exact here: the callers' values are multiples of 2^s).
    func shiftedRight(by s: Int) -> Int64 {
        if s == 0 { return Int64(bitPattern: low) }
        if s < 64 { return Int64(bitPattern: (low >> UInt64(s)) | (UInt64(bitPattern: high) << UInt64(64 - s))) }
        return high >> Int64(s - 64)
    }

    /// Ordered by the sign of a − b (no overflow: the values stay below 2^126 in magnitude),
    /// which compiles to a subtract with borrow and no branch.
    @inline(__always)
    static func < (a: Wide, b: Wide) -> Bool {
        let (_, borrow) = a.low.subtractingReportingOverflow(b.low)
        return a.high &- b.high &- (borrow ? 1 : 0) < 0
    }
}
