extension PermutationShuffle {
    /// Permutation `index` of `count` binary samples packed eight to a byte (sample i is bit
    /// 7 − i mod 8 of byte i/8, the Conversion II layout), written to `buffer`: the same swaps as
    /// `permute` makes on one sample per byte, on an eighth of the memory.
    func permuteBits(_ original: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>,
                     count: Int, permutation index: Int) {
        precondition(original.count == buffer.count && buffer.count == (count + 7) / 8)
        _ = buffer.initialize(fromContentsOf: original)
        guard count > 1 else { return }
        var rng = generator(forPermutation: index)
        let bytes = buffer.baseAddress!
        var i = count - 1
        while i > 0 {
            let r = Int(rng.uniform(upTo: UInt64(i)))
            let si = UInt8(7 - i & 7), sr = UInt8(7 - r & 7)
            // Swapping two bits: flip both when they differ (re-reading the byte when both share it).
            let flip = ((bytes[i >> 3] >> si) ^ (bytes[r >> 3] >> sr)) & 1
            bytes[i >> 3] ^= flip << si
            bytes[r >> 3] ^= flip << sr
            i -= 1
        }
    }
}
