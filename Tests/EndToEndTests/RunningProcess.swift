import Foundation
import Synchronization

/// A program running in the background whose standard output and error are collected as
/// they come, so a test can wait for a progress line, send a signal, and wait for the end
/// with a deadline (a bug must not hang the test run).
final class RunningProcess: @unchecked Sendable {
    let process = Process()
    private let collected = Mutex<(out: [UInt8], err: [UInt8])>(([], []))
    private let readers = DispatchGroup()

    init(_ executable: String, _ arguments: [String], in directory: String? = nil, input: [UInt8]? = nil) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe(), inputPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
        try process.run()
        if let input {
            let handle = inputPipe.fileHandleForWriting
            let data = Data(input)
            Thread.detachNewThread {
                handle.write(data)
                try? handle.close()
            }
        }
        for (pipe, isError) in [(out, false), (err, true)] {
            readers.enter()
            let handle = pipe.fileHandleForReading
            Thread.detachNewThread { [self] in
                while true {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    collected.withLock { if isError { $0.err += data } else { $0.out += data } }
                }
                readers.leave()
            }
        }
    }

    var stdout: String { String(decoding: standardOutputBytes, as: UTF8.self) }
    var standardOutputBytes: [UInt8] { collected.withLock { $0.out } }
    var stderr: String { String(decoding: collected.withLock { $0.err }, as: UTF8.self) }

    /// Waits until standard error contains `text`; false after `timeout` seconds.
    func waitForStandardError(containing text: String, timeout: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if stderr.contains(text) { return true }
            if !process.isRunning { return stderr.contains(text) }
            usleep(10_000)
        }
        return false
    }

    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Whether the child has exited, seen by the kernel: its /proc entry is a zombie (not yet
    /// reaped) or gone. Foundation learns of the exit on a dispatch queue, which a loaded
    /// test run can hold up for a minute; `isRunning` alone then made a finished run look
    /// like a hang (a CI run saw an instant usage error reported as a 95 s timeout).
    private var hasExited: Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8) else {
            return true
        }
        guard let close = stat.lastIndex(of: ")"), let state = stat[close...].dropFirst(2).first else { return false }
        return state == "Z"
    }

    /// Waits for the exit (killing the process after `timeout` seconds) and returns its status,
    /// or nil if it had to be killed.
    func finish(timeout: Double = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && !hasExited && Date() < deadline { usleep(5_000) }
        var killed = false
        if process.isRunning && !hasExited {
            kill(process.processIdentifier, SIGKILL)
            killed = true
        }
        process.waitUntilExit()
        _ = readers.wait(timeout: .now() + 5)
        return killed ? nil : process.terminationStatus
    }
}
