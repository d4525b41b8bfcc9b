import ArgumentParser
import Certification
import RandomnessCore

/// `rngcert keygen --out NAME`: makes an Ed25519 signing key pair.
struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make an Ed25519 key pair for signing reports.",
        discussion: """
            Writes NAME.key (PKCS#8 PEM private key, created with mode 0600) and NAME.pub \
            (SubjectPublicKeyInfo PEM public key), the forms openssl reads, and prints the key \
            fingerprint: SHA-256 of the raw 32-byte public key, lowercase hex. The private key \
            is never printed.
            """
    )

    @Option(help: ArgumentHelp("Base name of the key files: writes NAME.key and NAME.pub.", valueName: "NAME"))
    var out: String

    @Flag(help: "Replace existing key files.")
    var force = false

    func validate() throws {
        if out.isEmpty || out.hasSuffix("/") { throw ValidationError("--out needs a file base name, e.g. --out keys/lab-signer") }
    }

    func run() throws {
        let files = KeyPairFiles(name: out)
        let key = SigningKey.generate()
        try files.write(key, force: force)
        print("private key: \(TerminalText.escaped(files.privateKeyPath)) (mode 0600; keep it secret)")
        print("public key:  \(TerminalText.escaped(files.publicKeyPath))")
        print("fingerprint: \(key.publicKey.fingerprint)")
    }
}
