/// NIST SP 800-22 rev1a: the fifteen statistical tests and the second-level analysis,
/// matching NIST STS 2.1.2 by default.
public enum SP80022 {}
