#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Length of the longest repeated substring test (SP 800-90B 5.2.5) as `ea_iid` computes it
/// (lrs_test.h `len_LRS_test`), with 64-bit pair counts and the reference's extended precision:
/// p_col = Σ p_i² (p_i accumulated as the reference does), W = length of the longest substring
/// that occurs at least twice, N = C(L − W + 1, 2); the test passes iff
/// Pr(X ≥ 1) = 1 − (1 − p_col^W)^N ≥ 1/1000, decided as log(0.999) ≥ N·log1p(−p_col^W).
public struct LongestRepeatedSubstringResult: Codable, Sendable, Equatable {
    /// Collision probability of one symbol under the IID assumption.
    public var collisionProbability: Double
    /// W, the length of the longest repeated substring (nil when p_col = 1: the test passes trivially).
    public var longestLength: Int?
    /// N = C(L − W + 1, 2), the number of pairs of W-length substrings.
    public var pairCount: Int64?
    /// Pr(X ≥ 1), the probability of at least one W-length collision among the N pairs.
    public var probabilityOfCollision: Double
    public var passed: Bool

    /// The 1/1000 threshold of SP 800-90B 5.2.5.
    public static let threshold = 0.001
}

enum LongestRepeatedSubstringTest {
    static func run(_ data: IIDSampleData) -> LongestRepeatedSubstringResult {
        var pCol: Float80 = 0
        for p in data.referenceProportions() { pCol += Float80(p) * Float80(p) }
        if pCol > 1 - Float80.ulpOfOne {
            return LongestRepeatedSubstringResult(collisionProbability: 1, longestLength: nil, pairCount: nil,
                                                  probabilityOfCollision: 1, passed: true)
        }
        let w = longestRepeatLength(data.symbols)
        let length = Int64(data.count)
        let pColPower = powl(pCol, Float80(w))
        let logNoCollisionPerPair = log1pl(-pColPower)
        let pairs = Int64(length - Int64(w) + 1)
        let n = (pairs * pairs - pairs) / 2
        let probabilityNoCollision = expl(Float80(n) * logNoCollisionPerPair)
        let passed = logl(0.999) >= Float80(n) * logNoCollisionPerPair
        return LongestRepeatedSubstringResult(
            collisionProbability: Double(pCol), longestLength: w, pairCount: n,
            probabilityOfCollision: Double(1 - probabilityNoCollision), passed: passed)
    }

    /// Length of the longest substring occurring at least twice (overlaps allowed).
    ///
    /// First by sorting: with symbols of w bits, the c = ⌊64/w⌋ symbols starting at each
    /// position fit one word (first symbol highest); in sorted order the longest common prefix
    /// of any two windows is reached by neighbours, so the largest neighbour prefix (in whole
    /// symbols) is the answer when it is below c. Positions within c of the end have shorter
    /// windows; each is compared with every window directly, and only while it could still
    /// beat the answer. When some windows agree in all c symbols the answer is at least c and
    /// is found by doubling then bisecting on the length, "some length-w substring repeats"
    /// decided with a Karp–Rabin hash table and checked byte by byte, so hash collisions
    /// cannot mislead it.
    static func longestRepeatLength(_ s: [UInt8]) -> Int {
        s.withUnsafeBufferPointer { text in
            let n = text.count
            guard n >= 2 else { return 0 }
            let largest = Int(text.max()!)
            let width = max(1, Int.bitWidth - largest.leadingZeroBitCount)
            let window = 64 / width
            if n > window {
                if let w = longestRepeatBelow(text, width: width, window: window) { return w }
                return longestRepeatByHashing(text, atLeast: window)
            }
            return longestRepeatByHashing(text, atLeast: 0)
        }
    }

    /// The longest repeat by hashing, given that one of `known` symbols exists (0: none known).
    static func longestRepeatByHashing(_ text: UnsafeBufferPointer<UInt8>, atLeast known: Int) -> Int {
        let n = text.count
        guard n >= 2 else { return 0 }
        var table = RepeatFinder(capacity: n)
        var good = known
        if good == 0 {
            if !table.hasRepeat(text, length: 1) { return 0 }
            good = 1
        }
        var bad = min(n, 2 * good)
        while bad < n && table.hasRepeat(text, length: bad) {
            good = bad
            bad = min(n, bad * 2)
        }
        while bad - good > 1 {
            let mid = (good + bad) / 2
            if table.hasRepeat(text, length: mid) { good = mid } else { bad = mid }
        }
        return good
    }
}

extension LongestRepeatedSubstringTest {
    /// The longest repeat when it is shorter than `window` symbols, else nil (see
    /// `longestRepeatLength`); symbols fit `width` bits, n > window.
    static func longestRepeatBelow(_ text: UnsafeBufferPointer<UInt8>, width: Int, window: Int) -> Int? {
        let n = text.count
        let w = UInt64(width)
        // keys[i]: symbols i..<i+window packed from the top, zero filled past the end.
        var keys = [UInt64](repeating: 0, count: n)
        keys.withUnsafeMutableBufferPointer { keys in
            var key: UInt64 = 0
            for i in 0..<window { key = key << w | UInt64(text[i]) }
            let used = UInt64(window * width)
            let shift = 64 - used  // unused low bits (0 when the window fills the word)
            for i in 0..<n {
                keys[i] = key << shift
                let next = i + window < n ? UInt64(text[i + window]) : 0
                key = used == 64 ? (key << w | next) : ((key << w | next) & ((1 << used) - 1))
            }
        }
        let full = n - window + 1  // positions with a whole window
        var sorted = Array(keys[0..<full])
        RadixSort.sort(&sorted)
        var best = 0
        for i in 1..<full {
            let x = sorted[i] ^ sorted[i - 1]
            if x == 0 { return nil }  // two whole windows agree: the repeat is ≥ window
            best = max(best, x.leadingZeroBitCount / width)
        }
        // Positions with a short window (n − j symbols): their longest prefix shared with a whole
        // window is reached by its neighbours in the sorted windows (where its key would go);
        // with another short window, by direct comparison.
        func shared(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).leadingZeroBitCount / width }
        for j in full..<n where n - j > best {
            let key = keys[j]
            let length = n - j
            var low = 0, high = full  // first sorted window ≥ key
            while low < high {
                let mid = (low + high) / 2
                if sorted[mid] < key { low = mid + 1 } else { high = mid }
            }
            var longest = 0
            if low < full { longest = max(longest, shared(sorted[low], key)) }
            if low > 0 { longest = max(longest, shared(sorted[low - 1], key)) }
            for i in full..<n where i != j { longest = max(longest, min(shared(keys[i], key), n - i)) }
            best = max(best, min(longest, length))
        }
        return best
    }
}

/// Open-addressing table of window start positions keyed by a polynomial hash mod 2^61 − 1.
private struct RepeatFinder {
    private var slots: [Int32]
    private var hashes: [UInt64]
    private let mask: Int

    init(capacity n: Int) {
        var size = 1
        while size < 2 * n { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        hashes = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    private static let modulus: UInt64 = (1 << 61) - 1
    private static let base: UInt64 = 0x1F3D_5B79_A4C2_E801 % modulus

    @inline(__always)
    private static func mulMod(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let p = a.multipliedFullWidth(by: b)
        // p = high·2^64 + low; 2^64 ≡ 8 (mod 2^61 − 1).
        let lo = p.low & modulus
        let hi = (p.low >> 61) | (p.high << 3)
        var r = lo &+ hi
        if r >= modulus { r -= modulus }
        return r
    }

    @inline(__always)
    private static func addMod(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let r = a &+ b
        return r >= modulus ? r - modulus : r
    }

    /// Whether two (possibly overlapping) windows of `length` symbols are equal.
    mutating func hasRepeat(_ text: UnsafeBufferPointer<UInt8>, length w: Int) -> Bool {
        let n = text.count
        guard w >= 1, w < n else { return false }
        for i in slots.indices { slots[i] = -1 }
        var power: UInt64 = 1 // base^(w−1)
        for _ in 0..<(w - 1) { power = Self.mulMod(power, Self.base) }
        var h: UInt64 = 0
        for i in 0..<w { h = Self.addMod(Self.mulMod(h, Self.base), UInt64(text[i]) + 1) }
        var start = 0
        while true {
            var slot = Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
            while slots[slot] >= 0 {
                if hashes[slot] == h {
                    let other = Int(slots[slot])
                    if memcmp(text.baseAddress! + other, text.baseAddress! + start, w) == 0 { return true }
                }
                slot = (slot + 1) & mask
            }
            slots[slot] = Int32(start)
            hashes[slot] = h
            if start + w >= n { return false }
            // Roll: drop text[start], add text[start + w].
            let drop = Self.mulMod(UInt64(text[start]) + 1, power)
            h = Self.addMod(h, Self.modulus - drop)
            h = Self.addMod(Self.mulMod(h, Self.base), UInt64(text[start + w]) + 1)
            start += 1
        }
    }
}
