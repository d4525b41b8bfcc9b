/// What the continuous health tests take as one sample of the captured bytes.
public enum HealthSampleUnit: String, Codable, Sendable, CaseIterable {
    /// Each byte is one sample (the default; the samples of `--bits-per-symbol` bits are
    /// stored one per byte, or the bytes are the source's 8-bit output).
    case byte
    /// Each bit is one sample (a binary source packed eight samples to a byte, first
    /// sample in the most significant bit); alarm offsets count bits.
    case bit
}
