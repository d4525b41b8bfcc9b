/// Bins of the non-binary chi-square tests, built as `ea_iid` does (chi_square_tests.h
/// `allocate_bins`): cells sorted by expectation (then by cell index) are added to the current
/// bin until its expectation reaches 5; a last bin below 5 is merged into the one before.
struct ChiSquareBinning {
    /// Bin of each cell, by cell index.
    let binOfCell: [Int]
    /// Expected count of each bin.
    let expectations: [Double]

    init(cellExpectations: [Double]) {
        let order = cellExpectations.indices.sorted {
            cellExpectations[$0] != cellExpectations[$1] ? cellExpectations[$0] < cellExpectations[$1] : $0 < $1
        }
        var binOf = [Int](repeating: -1, count: cellExpectations.count)
        var bins: [Double] = []
        var current = 0
        var accumulated = 0.0
        for cell in order {
            if accumulated >= 5.0 {
                bins.append(accumulated)
                current += 1
                accumulated = 0
            }
            binOf[cell] = current
            accumulated += cellExpectations[cell]
        }
        if current != 0 && accumulated < 5.0 {
            for cell in order.reversed() {
                guard binOf[cell] == current else { break }
                binOf[cell] = current - 1
            }
            bins[current - 1] += accumulated
        } else {
            bins.append(accumulated)
        }
        binOfCell = binOf
        expectations = bins
    }

    /// Σ (o_i − E_i)² / E_i over the bins.
    func statistic(observed: [Int]) -> Double {
        var t = 0.0
        for (o, e) in zip(observed, expectations) {
            let d = Double(o) - e
            t += d * d / e
        }
        return t
    }
}
