/// One number of the reference's verbose output, under the reference's label.
public struct NonIIDReferenceFigure: Sendable, Equatable {
    /// The label as `ea_non_iid -vv` prints it, e.g. "Bitstring Collision Estimate: X-bar".
    public var label: String
    public var value: Double
}

extension NonIIDResult {
    /// Every figure `ea_non_iid -vv` prints, labelled and ordered as it prints them — for
    /// comparisons with the reference's output and for a verbose listing.
    public var referenceFigures: [NonIIDReferenceFigure] {
        var out: [NonIIDReferenceFigure] = []
        func add(_ label: String, _ value: Double) { out.append(NonIIDReferenceFigure(label: label, value: value)) }
        func add(_ label: String, _ value: Int) { add(label, Double(value)) }
        let parts: [(String, NonIIDEstimates)] = [("Bitstring", bitstring), ("Literal", literal)].compactMap { name, e in
            e.map { (name, $0) }
        }
        for (name, e) in parts {
            let p = "\(name) Most Common Value Estimate: "
            add(p + "Mode count", e.mostCommonValue.modeCount)
            add(p + "p-hat", e.mostCommonValue.pHat)
            add(p + "p_u", e.mostCommonValue.pU)
            add(p + "min entropy", e.mostCommonValue.minEntropy)
        }
        for (name, e) in parts {
            guard let c = e.collision else { continue }
            let p = "\(name) Collision Estimate: "
            add(p + "v", c.collisions)
            add(p + "Sum t_i", c.sumT)
            add(p + "X-bar", c.mean)
            add(p + "sigma-hat", c.standardDeviation)
            add(p + "X-bar'", c.meanLowerBound)
            add(p + "p", c.p)
            add(p + "min entropy", c.minEntropy)
        }
        for (name, e) in parts {
            guard let m = e.markov else { continue }
            let p = "\(name) Markov Estimate: "
            add(p + "P_0", m.p0)
            add(p + "P_1", m.p1)
            add(p + "P_{0,0}", m.p00)
            add(p + "P_{0,1}", m.p01)
            add(p + "P_{1,0}", m.p10)
            add(p + "P_{1,1}", m.p11)
            add(p + "p-hat_max", m.pHatMax)
            add(p + "min entropy", m.minEntropy)
        }
        for (name, e) in parts {
            guard let c = e.compression else { continue }
            let p = "\(name) Compression Estimate: "
            add(p + "X-bar", c.mean)
            add(p + "sigma-hat", c.standardDeviation)
            add(p + "X-bar'", c.meanLowerBound)
            add(p + "p", c.p)
            add(p + "min entropy", c.minEntropy)
        }
        for (name, e) in parts {
            if let t = e.tTuple {
                let p = "\(name) t-Tuple Estimate: "
                add(p + "t", t.t)
                add(p + "p-hat_max", t.pHatMax)
                add(p + "p_u", t.pU)
                add(p + "min entropy", t.minEntropy)
            }
            if let l = e.longestRepeatedSubstring {
                let p = "\(name) LRS Estimate: "
                add(p + "u", l.u)
                add(p + "v", l.v)
                add(p + "p-hat", l.pHat)
                add(p + "p_u", l.pU)
                add(p + "min entropy", l.minEntropy)
            }
        }
        let predictors: [(String, KeyPath<NonIIDEstimates, PredictionEstimate?>)] = [
            ("MultiMCW", \.multiMCW), ("Lag", \.lag), ("MultiMMC", \.multiMMC), ("LZ78Y", \.lz78y),
        ]
        for (test, path) in predictors {
            for (name, e) in parts {
                guard let r = e[keyPath: path] else { continue }
                let p = "\(name) \(test) Prediction Estimate: "
                add(p + "C", r.correctCount)
                add(p + "r", r.longestRunPlusOne)
                add(p + "N", r.predictionCount)
                add(p + "P_global", r.pGlobal)
                add(p + "P_global'", r.pGlobalPrime)
                if let local = r.pLocal { add(p + "P_local", local) }
                add(p + "min entropy", r.minEntropy)
            }
        }
        if let h = hBitstring {
            add("H_bitstring", h)
            add("H_bitstring Per Symbol", h * Double(bitsPerSymbol))
        }
        if let h = hOriginal { add("H_original", h) }
        add("Assessed min entropy", assessedMinEntropy)
        return out
    }

    /// The reference's status lines ("… Estimate: Found p.", "… P_local can't change the
    /// result.", …), in its order.
    public var referenceStatusLines: [String] {
        var out: [String] = []
        let parts: [(String, NonIIDEstimates)] = [("Bitstring", bitstring), ("Literal", literal)].compactMap { name, e in
            e.map { (name, $0) }
        }
        for (name, e) in parts {
            if let c = e.collision {
                out.append("\(name) Collision Estimate: " + (c.foundP ? "Found p." : "Could Not Find p. Proceeding with the lower bound for p."))
            }
        }
        for (name, e) in parts {
            if let c = e.compression {
                out.append("\(name) Compression Estimate: " + (c.foundP ? "Found p." : "Could Not Find p. Proceeding with the lower bound for p."))
            }
        }
        let predictors: [(String, KeyPath<NonIIDEstimates, PredictionEstimate?>)] = [
            ("MultiMCW", \.multiMCW), ("Lag", \.lag), ("MultiMMC", \.multiMMC), ("LZ78Y", \.lz78y),
        ]
        for (test, path) in predictors {
            for (name, e) in parts {
                if let r = e[keyPath: path], r.pLocal == nil {
                    out.append("\(name) \(test) Prediction Estimate: P_local can't change the result.")
                }
            }
        }
        return out
    }
}
