/// ENT statistics (John Walker's `ent`): entropy, compression, chi-square, mean,
/// Monte Carlo π and serial correlation, in byte and bit mode, in one streaming pass.
public enum ENT {}
