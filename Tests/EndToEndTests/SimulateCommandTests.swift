import Capture
import Foundation
import Testing

/// `rngcert simulate`: the library's bytes, deterministic, safe with existing files.
@Suite(.enabled(if: RNGCertBinary.isAvailable, "the rngcert binary was not found next to the test bundle; build it first"))
struct SimulateCommandTests {
    let dir: EndToEndDirectory
    init() throws { dir = try EndToEndDirectory() }

    @Test func writesTheSimulatorsBytes() throws {
        let run = try RNGCertBinary.run(["simulate", "--bytes", "3M", "--seed", "0x2a", "--bias", "0.6", "--stuck-at", "3",
                                         "--stuck-value", "1", "--after", "1000", "--repeat-block", "100", "--out", "s.bin"], in: dir.path, timeout: 30)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        var source = try FaultySource(seed: 42, faults: SimulatorFaults(onset: 1000, bias: 0.6, repeatBlock: 100, stuckBit: 3, stuckValue: 1))
        #expect(try dir.read("s.bin") == source.next(3 << 20))
        #expect(run.stdout.contains("seed 42"))
    }

    @Test func standardOutputAndDeterminism() throws {
        let a = try RNGCertBinary.run(["simulate", "--bytes", "100000", "--seed", "7", "--period", "999", "--out", "-"], in: dir.path, timeout: 30)
        let b = try RNGCertBinary.run(["simulate", "--bytes", "100000", "--seed", "7", "--period", "999", "--out", "-"], in: dir.path, timeout: 30)
        #expect(a.status == 0 && a.standardOutput.count == 100_000)
        #expect(a.standardOutput == b.standardOutput)
        let c = try RNGCertBinary.run(["simulate", "--bytes", "100000", "--seed", "8", "--period", "999", "--out", "-"], in: dir.path, timeout: 30)
        #expect(c.standardOutput != a.standardOutput)
    }

    @Test func refusesToOverwriteWithoutForce() throws {
        try dir.write("s.bin", [9])
        let refused = try RNGCertBinary.run(["simulate", "--bytes", "10", "--out", "s.bin"], in: dir.path, timeout: 30)
        #expect(refused.status == 2 && refused.stderr.contains("--force"))
        #expect(try dir.read("s.bin") == [9])
        let forced = try RNGCertBinary.run(["simulate", "--bytes", "10", "--out", "s.bin", "--force"], in: dir.path, timeout: 30)
        #expect(forced.status == 0)
        #expect(try dir.read("s.bin").count == 10)
    }

    @Test(arguments: [(["--bias", "2"], "--bias"), (["--stuck-at", "8"], "--stuck-at"), (["--seed", "x"], "--seed"),
                      (["--period", "-1"], "--period"), (["--correlation", "1"], "--correlation")])
    func badFaultsExitWith2(arguments: [String], option: String) throws {
        let run = try RNGCertBinary.run(["simulate", "--bytes", "10", "--out", "s.bin"] + arguments, in: dir.path, timeout: 30)
        #expect(run.status == 2)
        #expect(run.stderr.contains(option), "stderr: \(run.stderr)")
        #expect(!dir.exists("s.bin"))
    }
}
