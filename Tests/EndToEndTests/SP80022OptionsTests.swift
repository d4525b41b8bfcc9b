import ArgumentParser
import Testing
import SP80022
@testable import rngcert

/// The SP 800-22 option group: STS defaults, every parameter settable, errors naming the option.
@Suite("SP 800-22 command-line options")
struct SP80022OptionsTests {
    @Test func defaultsAreSTSDefaults() throws {
        let options = try SP80022Options.parse([])
        #expect(try options.parameters() == SP80022Parameters())
    }

    @Test func everyParameterIsSettable() throws {
        let options = try SP80022Options.parse([
            "--block-frequency-m", "20000", "--non-overlapping-m", "10", "--overlapping-m", "10",
            "--approximate-entropy-m", "8", "--serial-m", "12", "--linear-complexity-m", "1000",
            "-n", "500000", "--streams", "3", "--corrected", "--tests", "runs, 1,fft,Frequency",
        ])
        let p = try options.parameters()
        #expect(p.blockFrequencyBlockLength == 20000 && p.nonOverlappingTemplateLength == 10 && p.overlappingTemplateLength == 10)
        #expect(p.approximateEntropyBlockLength == 8 && p.serialBlockLength == 12 && p.linearComplexityBlockLength == 1000)
        #expect(p.streamLength == 500_000 && p.streamCount == 3 && p.corrected)
        #expect(p.tests == [.runs, .frequency, .fft])
    }

    @Test(arguments: [
        (["--serial-m", "30"], "--serial-m"),
        (["--streams", "0"], "--streams"),
        (["--stream-length", "0"], "--stream-length"),
        (["--block-frequency-m", "0"], "--block-frequency-m"),
        (["--tests", "Frequency,Bogus"], "--tests"),
        (["--tests", "16"], "--tests"),
    ])
    func badValuesNameTheOption(arguments: [String], option: String) {
        do {
            _ = try SP80022Options.parse(arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            #expect(SP80022Options.message(for: error).contains(option), "\(SP80022Options.message(for: error))")
        }
    }
}
