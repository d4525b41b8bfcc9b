/// The aperiodic (non-periodic) templates of the Non-overlapping Template Matching test:
/// the m-bit words B with no proper border, i.e. for every shift s in 1..<m the first m−s
/// bits differ from the last m−s bits, so B cannot overlap itself. STS 2.1.2 ships them as
/// files `templates/templateM`, one template a line, in ascending numeric order; these are
/// generated here instead (the tests check the generated text against the files' SHA-256).
public enum AperiodicTemplates {
    /// Template lengths STS 2.1.2 supports (it ships files for 2...21).
    public static let lengths = 2...21
    /// STS's MAXNUMOFTEMPLATES: at most this many templates are tested.
    public static let maxTested = 148

    /// Whether the m-bit word `value` has no proper border.
    @inline(__always)
    public static func isAperiodic(_ value: UInt32, length m: Int) -> Bool {
        for shift in 1..<m {
            let overlap = m - shift
            let suffixMask = (UInt32(1) << UInt32(overlap)) &- 1
            if value >> UInt32(shift) == value & suffixMask { return false }
        }
        return true
    }

    /// All aperiodic templates of length m, ascending (the order of STS's templateM file).
    public static func all(length m: Int) -> [UInt32] {
        precondition(m >= 1 && m <= 31)
        var out: [UInt32] = []
        for value in 0..<(UInt32(1) << UInt32(m)) where isAperiodic(value, length: m) { out.append(value) }
        return out
    }

    /// The templates STS 2.1.2 tests for length m: with T aperiodic templates, SKIP = 1 if
    /// T < 148 else ⌊T/148⌋, and it takes every SKIP-th template from the first, at most 148.
    public static func stsSelection(length m: Int) -> [UInt32] {
        let templates = all(length: m)
        let skip = templates.count < maxTested ? 1 : templates.count / maxTested
        let count = min(maxTested, templates.count / skip)
        return (0..<count).map { templates[$0 * skip] }
    }

    /// The template as m characters '0'/'1', most significant first ("000000001").
    public static func label(_ value: UInt32, length m: Int) -> String {
        String((0..<m).map { (value >> UInt32(m - 1 - $0)) & 1 == 1 ? "1" : "0" })
    }

    /// The bytes of STS's templateM file: each template as m digits separated by spaces,
    /// one a line ("0 0 0 0 0 0 0 0 1\n").
    public static func stsFileBytes(length m: Int) -> [UInt8] {
        let templates = all(length: m)
        var out = [UInt8]()
        out.reserveCapacity(templates.count * 2 * m)
        for value in templates {
            for k in 0..<m {
                out.append((value >> UInt32(m - 1 - k)) & 1 == 1 ? UInt8(ascii: "1") : UInt8(ascii: "0"))
                out.append(k == m - 1 ? UInt8(ascii: "\n") : UInt8(ascii: " "))
            }
        }
        return out
    }
}
