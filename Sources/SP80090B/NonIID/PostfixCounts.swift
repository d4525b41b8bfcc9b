/// Counts of (context, next symbol) pairs for the MultiMMC and LZ78Y predictors over
/// alphabets larger than two — the flat replacement for the reference's
/// `map<array<uint8_t,16>, PostfixDictionary>`.
///
/// Contexts of up to 16 symbols are packed one byte per symbol into two words (`high`, `low`;
/// the newest symbol in the low byte of `low`) and get dense ids from an open-addressing table,
/// fronted by a bit filter so that most absent contexts cost one cache-resident bit test.
/// Pairs (id, symbol) and their counts share one 64-bit slot of a second open-addressing table.
/// Each context keeps its prediction as the reference's `PostfixDictionary` does: the symbol
/// with the highest count, ties to the larger symbol. Ids stay below 2²⁴ and counts below 2³²
/// (the callers cap contexts at 100,000 per table and inputs at 2³¹ symbols).
final class PostfixCounts {
    /// A context slot: the packed context and its id (−1: empty slot), one cache line apart at most.
    private struct ContextSlot {
        var low: UInt64
        var high: UInt64
        var id: Int32
    }

    private var contexts: UnsafeMutablePointer<ContextSlot>
    private var contextMask: Int
    private(set) var contextCount = 0
    /// 8 bits per context slot, set for the hashes of the contexts present: a clear bit means
    /// the context is absent.
    private var filter: UnsafeMutablePointer<UInt64>
    private var filterShift: UInt64

    /// Per context id: the count of its predicted symbol (high 32 bits) and the symbol (low 8).
    private var best: UnsafeMutablePointer<UInt64>
    private var bestCapacity: Int

    /// (id << 8 | symbol) + 1 in the high 32 bits, the count in the low 32; 0: empty slot.
    private var pairs: UnsafeMutablePointer<UInt64>
    private var pairMask: Int
    private(set) var pairTotal = 0

    init(initialCapacity: Int = 1024) {
        let c = max(64, initialCapacity.nextPowerOfTwo)
        contextMask = c - 1
        contexts = .allocate(capacity: c)
        contexts.initialize(repeating: ContextSlot(low: 0, high: 0, id: -1), count: c)
        (filter, filterShift) = Self.makeFilter(slots: c)
        bestCapacity = c / 2
        best = .allocate(capacity: bestCapacity)
        pairMask = c - 1
        pairs = .allocate(capacity: c)
        pairs.initialize(repeating: 0, count: c)
    }

    deinit {
        contexts.deallocate()
        filter.deallocate()
        best.deallocate()
        pairs.deallocate()
    }

    /// A filter of 8 bits per context slot (16 or more per context at the load factor kept).
    private static func makeFilter(slots: Int) -> (UnsafeMutablePointer<UInt64>, UInt64) {
        let bits = slots * 8
        let words = bits / 64
        let pointer = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
        pointer.initialize(repeating: 0, count: words)
        return (pointer, UInt64(64 - bits.trailingZeroBitCount))
    }

    /// A 64-bit mix (the MurmurHash3 finaliser); slots use its low bits, the filter its high bits.
    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    @inline(__always)
    private static func hash(_ high: UInt64, _ low: UInt64) -> UInt64 { mix(low ^ (high &* 0x9E37_79B9_7F4A_7C15)) }

    @inline(__always)
    private func filterBit(_ h: UInt64) -> (word: Int, mask: UInt64) {
        let bit = h >> filterShift
        return (Int(truncatingIfNeeded: bit >> 6), 1 << (bit & 63))
    }

    /// The id of a context, or −1 when it was never inserted.
    @inline(__always)
    func find(high: UInt64, low: UInt64) -> Int {
        let h = Self.hash(high, low)
        let (word, mask) = filterBit(h)
        if filter[word] & mask == 0 { return -1 }
        var slot = Int(truncatingIfNeeded: h) & contextMask
        while true {
            let entry = contexts[slot]
            if entry.id < 0 { return -1 }
            if entry.low == low && entry.high == high { return Int(entry.id) }
            slot = (slot + 1) & contextMask
        }
    }

    /// The id of a context, inserting it (with no pairs yet) when new.
    func findOrInsert(high: UInt64, low: UInt64) -> Int {
        let h = Self.hash(high, low)
        var slot = Int(truncatingIfNeeded: h) & contextMask
        while true {
            let entry = contexts[slot]
            if entry.id < 0 { break }
            if entry.low == low && entry.high == high { return Int(entry.id) }
            slot = (slot + 1) & contextMask
        }
        let id = contextCount
        precondition(id < (1 << 24) - 1, "too many contexts")
        contexts[slot] = ContextSlot(low: low, high: high, id: Int32(id))
        let (word, mask) = filterBit(h)
        filter[word] |= mask
        contextCount += 1
        if id == bestCapacity {
            let grown = bestCapacity * 2
            let moved = UnsafeMutablePointer<UInt64>.allocate(capacity: grown)
            moved.update(from: best, count: bestCapacity)
            best.deallocate()
            best = moved
            bestCapacity = grown
        }
        best[id] = 0
        if contextCount * 2 > contextMask + 1 { growContexts() }
        return id
    }

    /// The prediction of context `id`: its most frequent next symbol (ties to the larger) and
    /// that symbol's count.
    @inline(__always)
    func prediction(_ id: Int) -> (symbol: UInt8, count: Int) {
        let b = best[id]
        return (UInt8(truncatingIfNeeded: b), Int(b >> 32))
    }

    /// Counts `symbol` after context `id`: an existing pair is always incremented; a new pair is
    /// created only when `allowNew`. Returns true when a pair was created.
    @discardableResult
    @inline(__always)
    func increment(_ id: Int, _ symbol: UInt8, allowNew: Bool) -> Bool {
        let key = (UInt64(id) << 8 | UInt64(symbol)) &+ 1
        var slot = Int(truncatingIfNeeded: Self.mix(key)) & pairMask
        var created = false
        var count: UInt32
        while true {
            let entry = pairs[slot]
            if entry >> 32 == key {
                pairs[slot] = entry &+ 1
                count = UInt32(truncatingIfNeeded: entry) &+ 1
                break
            }
            if entry == 0 {
                guard allowNew else { return false }
                pairs[slot] = key << 32 | 1
                count = 1
                created = true
                pairTotal += 1
                break
            }
            slot = (slot + 1) & pairMask
        }
        // (count, symbol) compared as one number: a higher count, or the same count and a larger
        // symbol, takes over the prediction.
        let candidate = UInt64(count) << 32 | UInt64(symbol)
        if candidate > best[id] { best[id] = candidate }
        if created && pairTotal * 2 > pairMask + 1 { growPairs() }
        return created
    }

    private func growContexts() {
        let oldMask = contextMask
        let old = contexts
        let capacity = (oldMask + 1) * 2
        contextMask = capacity - 1
        contexts = .allocate(capacity: capacity)
        contexts.initialize(repeating: ContextSlot(low: 0, high: 0, id: -1), count: capacity)
        filter.deallocate()
        (filter, filterShift) = Self.makeFilter(slots: capacity)
        for s in 0...oldMask where old[s].id >= 0 {
            let h = Self.hash(old[s].high, old[s].low)
            var slot = Int(truncatingIfNeeded: h) & contextMask
            while contexts[slot].id >= 0 { slot = (slot + 1) & contextMask }
            contexts[slot] = old[s]
            let (word, mask) = filterBit(h)
            filter[word] |= mask
        }
        old.deallocate()
    }

    private func growPairs() {
        let oldMask = pairMask
        let old = pairs
        let capacity = (oldMask + 1) * 2
        pairMask = capacity - 1
        pairs = .allocate(capacity: capacity)
        pairs.initialize(repeating: 0, count: capacity)
        for s in 0...oldMask where old[s] != 0 {
            var slot = Int(truncatingIfNeeded: Self.mix(old[s] >> 32)) & pairMask
            while pairs[slot] != 0 { slot = (slot + 1) & pairMask }
            pairs[slot] = old[s]
        }
        old.deallocate()
    }
}

extension Int {
    /// The smallest power of two ≥ self (self ≥ 1).
    fileprivate var nextPowerOfTwo: Int { self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount) }
}
