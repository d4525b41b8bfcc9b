import Certification
import FuzzDriver

/// Key reading: PEM text (PKCS#8 private keys, SubjectPublicKeyInfo public keys) and raw
/// 32-byte public keys either load or give a `KeyError`; nothing traps.
@_cdecl("FuzzKeys_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in
        let input = bytes(data, size)
        let text = String(decoding: input, as: UTF8.self)
        _ = try? SigningKey(pem: text, path: "fuzz.key")
        _ = try? VerificationKey(pem: text, path: "fuzz.pub")
        _ = try? VerificationKey(raw: input, path: "fuzz.raw")
        return 0
    }
}
