/// The text the compression statistic (5.1.11) compresses: each raw value in decimal followed by
/// one space, without the final space — exactly `ea_iid`'s `sprintf("%u ", …)` loop.
enum CompressionText {
    /// Decimal digits of 0…255 packed little-endian (up to 3 bytes), with their count in the top byte.
    private static let table: [UInt32] = (0..<256).map { v in
        let digits = Array(String(v).utf8)
        var packed: UInt32 = 0
        for (i, d) in digits.enumerated() { packed |= UInt32(d) << (8 * UInt32(i)) }
        return packed | UInt32(digits.count) << 24
    }

    /// Upper bound of the text length for `count` samples.
    static func capacity(for count: Int) -> Int { count * 4 }

    /// Writes the text of `values` (mapped through `rawTable` when given) into `buffer`;
    /// returns its length.
    static func encode(_ values: UnsafeBufferPointer<UInt8>, translatingThrough rawTable: [UInt8]?,
                       into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        precondition(buffer.count >= capacity(for: values.count) + 4)
        let out = UnsafeMutableRawPointer(buffer.baseAddress!)
        var length = 0
        table.withUnsafeBufferPointer { table in
            func put(_ v: UInt8) {
                let entry = table[Int(v)]
                let digits = Int(entry >> 24)
                // Store the digits and a trailing space in one 4-byte write.
                let word = (entry & 0x00FF_FFFF) | (UInt32(0x20) << (8 * UInt32(digits)))
                out.storeBytes(of: word.littleEndian, toByteOffset: length, as: UInt32.self)
                length += digits + 1
            }
            if let rawTable {
                for v in values { put(rawTable[Int(v)]) }
            } else {
                for v in values { put(v) }
            }
        }
        return max(0, length - 1)
    }
}
