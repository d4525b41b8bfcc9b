/// NIST SP 800-90B entropy assessment: non-IID estimators, IID permutation tests, restart
/// tests, conditioning and continuous health tests, matching the NIST reference tools.
public enum SP80090B {}
