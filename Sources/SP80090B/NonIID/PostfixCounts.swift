/// Counts of (context, next symbol) pairs for the MultiMMC and LZ78Y predictors over
/// alphabets larger than two — the flat replacement for the reference's
/// `map<array<uint8_t,16>, PostfixDictionary>`.
///
/// Contexts of up to 16 symbols are packed one byte per symbol into two words (`high`, `low`;
/// the newest symbol in the low byte of `low`) and get dense ids from an open-addressing table.
/// Pairs (id, symbol) live in a second open-addressing table. Each context keeps its prediction
/// as the reference's `PostfixDictionary` does: the symbol with the highest count, ties to the
/// larger symbol.
final class PostfixCounts {
    private var contextHigh: UnsafeMutablePointer<UInt64>
    private var contextLow: UnsafeMutablePointer<UInt64>
    private var contextID: UnsafeMutablePointer<Int32>  // −1: empty slot
    private var contextMask: Int
    private(set) var contextCount = 0

    private var bestCount: UnsafeMutablePointer<Int>
    private var bestSymbol: UnsafeMutablePointer<UInt8>
    private var bestCapacity: Int

    private var pairKey: UnsafeMutablePointer<UInt64>  // (id << 8 | symbol) + 1; 0: empty slot
    private var pairCount: UnsafeMutablePointer<Int>
    private var pairMask: Int
    private(set) var pairTotal = 0

    init(initialCapacity: Int = 1024) {
        let c = max(16, initialCapacity.nextPowerOfTwo)
        contextMask = c - 1
        contextHigh = .allocate(capacity: c)
        contextLow = .allocate(capacity: c)
        contextID = .allocate(capacity: c)
        contextID.initialize(repeating: -1, count: c)
        bestCapacity = c
        bestCount = .allocate(capacity: c)
        bestSymbol = .allocate(capacity: c)
        pairMask = c - 1
        pairKey = .allocate(capacity: c)
        pairKey.initialize(repeating: 0, count: c)
        pairCount = .allocate(capacity: c)
    }

    deinit {
        contextHigh.deallocate()
        contextLow.deallocate()
        contextID.deallocate()
        bestCount.deallocate()
        bestSymbol.deallocate()
        pairKey.deallocate()
        pairCount.deallocate()
    }

    /// A 64-bit mix (the MurmurHash3 finaliser); slots use its low bits.
    @inline(__always)
    private static func mix(_ x: UInt64) -> Int {
        var h = x
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return Int(truncatingIfNeeded: h)
    }

    @inline(__always)
    private static func hash(_ high: UInt64, _ low: UInt64) -> Int { mix(low ^ (high &* 0x9E37_79B9_7F4A_7C15)) }

    @inline(__always)
    private static func hash(_ key: UInt64) -> Int { mix(key) }

    /// The id of a context, or −1 when it was never inserted.
    @inline(__always)
    func find(high: UInt64, low: UInt64) -> Int {
        var slot = Self.hash(high, low) & contextMask
        while true {
            let id = contextID[slot]
            if id < 0 { return -1 }
            if contextLow[slot] == low && contextHigh[slot] == high { return Int(id) }
            slot = (slot + 1) & contextMask
        }
    }

    /// The id of a context, inserting it (with no pairs yet) when new.
    func findOrInsert(high: UInt64, low: UInt64) -> Int {
        var slot = Self.hash(high, low) & contextMask
        while true {
            let id = contextID[slot]
            if id < 0 { break }
            if contextLow[slot] == low && contextHigh[slot] == high { return Int(id) }
            slot = (slot + 1) & contextMask
        }
        let id = contextCount
        contextHigh[slot] = high
        contextLow[slot] = low
        contextID[slot] = Int32(id)
        contextCount += 1
        if id == bestCapacity {
            let grown = bestCapacity * 2
            let count = UnsafeMutablePointer<Int>.allocate(capacity: grown)
            count.update(from: bestCount, count: bestCapacity)
            bestCount.deallocate()
            bestCount = count
            let symbol = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            symbol.update(from: bestSymbol, count: bestCapacity)
            bestSymbol.deallocate()
            bestSymbol = symbol
            bestCapacity = grown
        }
        bestCount[id] = 0
        bestSymbol[id] = 0
        if contextCount * 2 > contextMask + 1 { growContexts() }
        return id
    }

    /// The prediction of context `id`: its most frequent next symbol (ties to the larger) and
    /// that symbol's count.
    @inline(__always)
    func prediction(_ id: Int) -> (symbol: UInt8, count: Int) {
        (bestSymbol[id], bestCount[id])
    }

    /// Counts `symbol` after context `id`: an existing pair is always incremented; a new pair is
    /// created only when `allowNew`. Returns true when a pair was created.
    @discardableResult
    @inline(__always)
    func increment(_ id: Int, _ symbol: UInt8, allowNew: Bool) -> Bool {
        let key = (UInt64(id) << 8 | UInt64(symbol)) &+ 1
        var slot = Self.hash(key) & pairMask
        var created = false
        var count: Int
        while true {
            let k = pairKey[slot]
            if k == key {
                pairCount[slot] += 1
                count = pairCount[slot]
                break
            }
            if k == 0 {
                guard allowNew else { return false }
                pairKey[slot] = key
                pairCount[slot] = 1
                count = 1
                created = true
                pairTotal += 1
                break
            }
            slot = (slot + 1) & pairMask
        }
        if count > bestCount[id] || (count == bestCount[id] && symbol > bestSymbol[id]) {
            bestCount[id] = count
            bestSymbol[id] = symbol
        }
        if created && pairTotal * 2 > pairMask + 1 { growPairs() }
        return created
    }

    private func growContexts() {
        let oldMask = contextMask
        let oldHigh = contextHigh, oldLow = contextLow, oldID = contextID
        let capacity = (oldMask + 1) * 2
        contextMask = capacity - 1
        contextHigh = .allocate(capacity: capacity)
        contextLow = .allocate(capacity: capacity)
        contextID = .allocate(capacity: capacity)
        contextID.initialize(repeating: -1, count: capacity)
        for s in 0...oldMask where oldID[s] >= 0 {
            var slot = Self.hash(oldHigh[s], oldLow[s]) & contextMask
            while contextID[slot] >= 0 { slot = (slot + 1) & contextMask }
            contextHigh[slot] = oldHigh[s]
            contextLow[slot] = oldLow[s]
            contextID[slot] = oldID[s]
        }
        oldHigh.deallocate()
        oldLow.deallocate()
        oldID.deallocate()
    }

    private func growPairs() {
        let oldMask = pairMask
        let oldKey = pairKey, oldCount = pairCount
        let capacity = (oldMask + 1) * 2
        pairMask = capacity - 1
        pairKey = .allocate(capacity: capacity)
        pairKey.initialize(repeating: 0, count: capacity)
        pairCount = .allocate(capacity: capacity)
        for s in 0...oldMask where oldKey[s] != 0 {
            var slot = Self.hash(oldKey[s]) & pairMask
            while pairKey[slot] != 0 { slot = (slot + 1) & pairMask }
            pairKey[slot] = oldKey[s]
            pairCount[slot] = oldCount[s]
        }
        oldKey.deallocate()
        oldCount.deallocate()
    }
}

extension Int {
    /// The smallest power of two ≥ self (self ≥ 1).
    var nextPowerOfTwo: Int { self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount) }
}
