import Certification
import Foundation
import RandomnessCore
import Testing

@Suite("Key pair files: modes, no overwrite, force")
struct KeyPairFilesTests {
    private func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }

    @Test("writes NAME.key with mode 0600 and NAME.pub readable, both loadable")
    func writesPair() throws {
        let dir = try SigningScratchDirectory()
        let files = KeyPairFiles(name: dir.path + "/lab")
        let key = SigningKey.generate()
        try files.write(key, force: false)
        #expect(try mode(files.privateKeyPath) == 0o600)
        #expect(try mode(files.publicKeyPath) & 0o600 == 0o600)
        let privateText = String(decoding: try dir.read("lab.key"), as: UTF8.self)
        #expect(privateText.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(String(decoding: try dir.read("lab.pub"), as: UTF8.self).hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        #expect(try SigningKey(contentsOf: files.privateKeyPath).publicKey == key.publicKey)
        #expect(try VerificationKey(contentsOf: files.publicKeyPath) == key.publicKey)
        #expect(try dir.listing() == ["lab.key", "lab.pub"])
    }

    @Test("refuses to overwrite either file without force, and writes nothing")
    func refusesOverwrite() throws {
        let dir = try SigningScratchDirectory()
        try dir.file("lab.pub", Array("old public\n".utf8))
        let error = #expect(throws: FileWriteError.self) {
            try KeyPairFiles(name: dir.path + "/lab").write(SigningKey.generate(), force: false)
        }
        #expect(error == .exists(path: dir.path + "/lab.pub"))
        #expect(try dir.listing() == ["lab.pub"])
        #expect(try dir.read("lab.pub") == Array("old public\n".utf8))
    }

    @Test("force replaces the files; the new key is 0600 even where the old file was 0644")
    func forceReplaces() throws {
        let dir = try SigningScratchDirectory()
        let old = try dir.file("lab.key", Array("old\n".utf8))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: old)
        let key = SigningKey.generate()
        try KeyPairFiles(name: dir.path + "/lab").write(key, force: true)
        #expect(try mode(old) == 0o600)
        #expect(try SigningKey(contentsOf: old).publicKey == key.publicKey)
        #expect(try dir.listing() == ["lab.key", "lab.pub"])
    }

    @Test("a missing directory is an error naming the file")
    func missingDirectory() throws {
        let error = #expect(throws: FileWriteError.self) {
            try KeyPairFiles(name: "/nonexistent-dir/lab").write(SigningKey.generate(), force: false)
        }
        #expect("\(error.map { "\($0)" } ?? "")" == "/nonexistent-dir/lab.key: cannot create: No such file or directory")
    }
}
