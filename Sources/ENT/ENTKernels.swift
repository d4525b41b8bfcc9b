/// The word-level loops of the streaming pass, over blocks of at most `blockSize` bytes.
/// Nothing here loops per bit or touches floating point.
enum ENTKernels {
    /// Block length: a multiple of 6 (Monte Carlo points) and 8 (64-bit words), small
    /// enough that the sum of adjacent byte products (≤ 255² per pair) fits a UInt32 and
    /// the block stays in cache while the kernels pass over it.
    static let blockSize = 65_520

    /// What one block contributes, apart from its byte counts (those go to the tables).
    struct BlockTotals {
        /// Σ b[i]·b[i+1] over adjacent bytes inside the block.
        var adjacentProducts: UInt64 = 0
        /// Adjacent bit pairs inside the block (bits most significant first) that are both 1.
        var adjacentOnePairs: UInt64 = 0
        /// Whole 6-byte points from the block's start, and how many fall inside the circle.
        var points: UInt64 = 0
        var inside: UInt64 = 0
    }

    /// Runs every kernel over one block of `count` ≥ 1 bytes.
    @inline(__always)
    static func scanBlock(_ p: UnsafePointer<UInt8>, _ count: Int, tables: UnsafeMutablePointer<UInt32>) -> BlockTotals {
        var totals = BlockTotals()
        totals.adjacentOnePairs = countBytesAndOnePairs(p, count, into: tables)
        totals.adjacentProducts = adjacentProducts(p, count)
        let points = count / 6
        totals.points = UInt64(points)
        totals.inside = monteCarloInside(p, points: points, available: count)
        return totals
    }

    /// Adds the occurrences of each byte value to four interleaved 256-entry tables
    /// (`tables` holds 4 × 256 counters; four avoid store-to-load stalls on runs of equal
    /// bytes; the caller sums them) and returns the number of adjacent 1-1 bit pairs:
    /// popcount(w & (w >> 1)) on each big-endian 64-bit word, plus the pair straddling
    /// each word boundary. Both come from the same load.
    @inline(__always)
    static func countBytesAndOnePairs(_ p: UnsafePointer<UInt8>, _ count: Int, into tables: UnsafeMutablePointer<UInt32>) -> UInt64 {
        let raw = UnsafeRawPointer(p)
        var pairs = 0
        var previousLowBit: UInt64 = 0
        var i = 0
        while i + 8 <= count {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            tables[Int(truncatingIfNeeded: w & 0xFF)] &+= 1
            tables[256 &+ Int(truncatingIfNeeded: (w &>> 8) & 0xFF)] &+= 1
            tables[512 &+ Int(truncatingIfNeeded: (w &>> 16) & 0xFF)] &+= 1
            tables[768 &+ Int(truncatingIfNeeded: (w &>> 24) & 0xFF)] &+= 1
            tables[Int(truncatingIfNeeded: (w &>> 32) & 0xFF)] &+= 1
            tables[256 &+ Int(truncatingIfNeeded: (w &>> 40) & 0xFF)] &+= 1
            tables[512 &+ Int(truncatingIfNeeded: (w &>> 48) & 0xFF)] &+= 1
            tables[768 &+ Int(truncatingIfNeeded: w &>> 56)] &+= 1
            let v = UInt64(bigEndian: w)
            pairs &+= (v & (v &>> 1)).nonzeroBitCount &+ Int(truncatingIfNeeded: previousLowBit & (v &>> 63))
            previousLowBit = v & 1
            i &+= 8
        }
        while i < count {
            let b = p[i]
            tables[Int(b)] &+= 1
            pairs &+= (b & (b &>> 1)).nonzeroBitCount &+ Int(truncatingIfNeeded: previousLowBit & UInt64(b &>> 7))
            previousLowBit = UInt64(b & 1)
            i &+= 1
        }
        return UInt64(pairs)
    }

    /// Σ b[i]·b[i+1] over the adjacent pairs inside a block (count ≤ `blockSize`): 16
    /// pairs at a time as 16-bit products (≤ 255²) widened into 32-bit lanes.
    @inline(__always)
    static func adjacentProducts(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        let raw = UnsafeRawPointer(p)
        var low = SIMD8<UInt32>(repeating: 0)
        var high = SIMD8<UInt32>(repeating: 0)
        var i = 0
        while i &+ 17 <= count {
            let a = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
            let b = raw.loadUnaligned(fromByteOffset: i &+ 1, as: SIMD16<UInt8>.self)
            low &+= SIMD8<UInt32>(truncatingIfNeeded:
                SIMD8<UInt16>(truncatingIfNeeded: a.lowHalf) &* SIMD8<UInt16>(truncatingIfNeeded: b.lowHalf))
            high &+= SIMD8<UInt32>(truncatingIfNeeded:
                SIMD8<UInt16>(truncatingIfNeeded: a.highHalf) &* SIMD8<UInt16>(truncatingIfNeeded: b.highHalf))
            i &+= 16
        }
        var sum = UInt64((low &+ high).wrappedSum())
        while i &+ 1 < count {
            sum &+= UInt64(p[i]) &* UInt64(p[i &+ 1])
            i &+= 1
        }
        return sum
    }

    /// Squared radius of `ent`'s Monte Carlo circle: (256³ − 1)².
    static let monteCarloRadiusSquared: UInt64 = 16_777_215 * 16_777_215

    /// Whether the point packed in the low 48 bits of `point` (x = first three bytes,
    /// y = next three, most significant first) lies inside the circle. Exact: x² + y² <
    /// 2⁴⁹, so `ent`'s double arithmetic and this integer test agree.
    @inline(__always)
    static func isInsideCircle(_ point: UInt64) -> Bool {
        let x = point &>> 24
        let y = point & 0xFF_FFFF
        return x &* x &+ y &* y <= monteCarloRadiusSquared
    }

    /// Scores `points` consecutive 6-byte points from `p`, with `available` bytes
    /// readable from `p` (≥ 6·points); returns how many fall inside the circle.
    @inline(__always)
    static func monteCarloInside(_ p: UnsafePointer<UInt8>, points: Int, available: Int) -> UInt64 {
        let raw = UnsafeRawPointer(p)
        var inside: UInt64 = 0
        var k = 0
        let end = points &* 6
        // One unaligned 8-byte load per point while 8 bytes remain readable.
        while k < end && k &+ 8 <= available {
            let point = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)) &>> 16
            inside &+= isInsideCircle(point) ? 1 : 0
            k &+= 6
        }
        while k < end {
            var point: UInt64 = 0
            for j in 0..<6 { point = point &<< 8 | UInt64(p[k &+ j]) }
            inside &+= isInsideCircle(point) ? 1 : 0
            k &+= 6
        }
        return inside
    }
}
