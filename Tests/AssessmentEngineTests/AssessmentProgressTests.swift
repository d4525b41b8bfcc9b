import Foundation
import Testing
@testable import AssessmentEngine

/// The `assess` progress line: its text, and silence when standard error is not a terminal.
@Suite struct AssessmentProgressTests {
    @Test func lineSaysWhereTheRunStands() {
        let p = AssessmentProgress(bytesRead: 512 << 20, totalBytes: 1 << 30, streamsDone: 4096, sp80090bPhase: "health tests")
        #expect(AssessmentProgressDisplay.line(p, elapsed: 2) ==
                "assess: 512.0 MiB of 1.0 GiB (50%), 256.0 MiB/s, 4096 SP 800-22 streams, SP 800-90B: health tests")
        let stdin = AssessmentProgress(bytesRead: 1000)
        #expect(AssessmentProgressDisplay.line(stdin, elapsed: 0) == "assess: 1000 B")
    }

    @Test func nothingWhenNotATerminalOrQuiet() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let display = AssessmentProgressDisplay(quiet: false, fd: fds[1])
        #expect(!display.enabled)
        display.show(AssessmentProgress(bytesRead: 1))
        display.finish()
        close(fds[1])
        var buffer = [UInt8](repeating: 0, count: 16)
        #expect(read(fds[0], &buffer, 16) == 0)
        #expect(!AssessmentProgressDisplay(quiet: true).enabled)
    }
}
