/// ENT statistics (John Walker's `ent`, as packaged by Debian, 1.2debian): entropy,
/// optimum compression, chi-square, arithmetic mean, Monte Carlo π and serial
/// correlation, in byte and bit mode, computed in one streaming pass by `ENTAccumulator`.
///
/// Every figure is computed with the same floating-point operations, in the same order,
/// as `ent` computes it, so `ENTTextReport` reproduces `ent`'s output character for
/// character; the exact chi-square p-value (GSL) is added alongside `ent`'s approximation.
public enum ENT {}
