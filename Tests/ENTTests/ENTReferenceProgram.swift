import Foundation

/// Debian's `ent` (1.2debian), the reference these tests compare against: found at
/// /usr/bin/ent or on PATH; tests that need it are skipped when it is absent.
enum ENTReferenceProgram {
    static let path: String? = {
        var candidates = ["/usr/bin/ent"]
        if let pathVariable = ProcessInfo.processInfo.environment["PATH"] {
            candidates += pathVariable.split(separator: ":").map { "\($0)/ent" }
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static var isAvailable: Bool { path != nil }

    /// Runs `ent arguments…` and returns its standard output, byte for byte.
    static func run(_ arguments: [String]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }

    /// The figures of `ent -t` (or `-bt`): line "1,samples,entropy,chi-square,mean,pi,scc".
    struct TerseFigures {
        var samples: Int
        var entropy: Double
        var chiSquare: Double
        var mean: Double
        var monteCarloPi: Double
        var serialCorrelation: Double
    }

    static func terseFigures(_ output: [UInt8]) -> TerseFigures? {
        let text = String(decoding: output, as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("1,") }) else { return nil }
        let fields = line.split(separator: ",").map(String.init)
        guard fields.count == 7, let samples = Int(fields[1]) else { return nil }
        // Swift's Double("-nan") is nil; ent prints "-nan" for undefined figures.
        func number(_ s: String) -> Double { Double(s) ?? .nan }
        return TerseFigures(samples: samples, entropy: number(fields[2]), chiSquare: number(fields[3]),
                            mean: number(fields[4]), monteCarloPi: number(fields[5]),
                            serialCorrelation: number(fields[6]))
    }
}
