import Capture
import Foundation
import RandomnessCore
import SP80090B
import Yams

/// Reads `qualification.yaml` (documented in docs/qualification.md, schema in
/// Schemas/qualification.schema.json) into a validated `QualificationConfig`.
///
/// Keys are snake_case; unknown keys, missing required keys, values of the wrong type or out
/// of range, and broken cross-key rules are errors naming the file, line and key. Relative
/// paths are resolved against the file's directory.
public enum QualificationConfigParser {
    /// The largest configuration file read (a configuration is a page of text).
    public static let maximumFileSize = 1 << 20

    public static func load(path: String) throws -> QualificationConfig {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path, limit: maximumFileSize)
        } catch {
            throw QualificationConfigError(file: path, key: "", message: "cannot read: \(error.reason)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw QualificationConfigError(file: path, key: "", message: "not UTF-8 text")
        }
        let base = (path as NSString).deletingLastPathComponent
        return try parse(text, file: path, baseDirectory: base.isEmpty ? "." : base)
    }

    public static func parse(_ text: String, file: String, baseDirectory: String) throws(QualificationConfigError) -> QualificationConfig {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw QualificationConfigError(file: file, key: "", message: "empty file: expected device, noise, claim and restart")
            }
            root = node
        } catch let error as QualificationConfigError {
            throw error
        } catch let error as YamlError {
            throw yamlError(error, file: file)
        } catch {
            throw QualificationConfigError(file: file, key: "", message: "not valid YAML: \(error)")
        }
        let document = ConfigNode(node: root, path: "", file: file)
        let top = try document.mapping(allowed: ["device", "noise", "claim", "restart", "conditioning", "health"])
        func required(_ values: [String: ConfigNode], _ key: String, in parent: ConfigNode) throws(QualificationConfigError) -> ConfigNode {
            guard let value = values[key] else {
                throw parent.error(parent.path.isEmpty ? "missing required key '\(key)'" : "missing required key '\(parent.path).\(key)'")
            }
            return value
        }
        func resolve(_ path: String) -> String {
            path.hasPrefix("/") ? path : (baseDirectory as NSString).appendingPathComponent(path)
        }
        func origin(_ values: [String: ConfigNode], in parent: ConfigNode) throws(QualificationConfigError) -> QualificationConfig.Origin {
            switch (values["file"], values["source"]) {
            case let (file?, nil): return .file(resolve(try file.string()))
            case let (nil, source?):
                let text = try source.string()
                do { _ = try CaptureSourceSpec(parsing: text) } catch { throw source.error("\(error)") }
                return .source(text.contains("://") || text == "-" ? text : resolve(text))
            case (.some, .some): throw parent.error("give either file or source, not both")
            case (nil, nil): throw parent.error("give file (an existing dataset) or source (a capture source to collect from)")
            }
        }

        let deviceNode = try required(top, "device", in: document)
        let device = try deviceNode.mapping(allowed: ["vendor", "model", "serial", "firmware", "description"])
        let noiseNode = try required(top, "noise", in: document)
        let noise = try noiseNode.mapping(allowed: ["file", "source", "samples", "bits_per_sample"])
        let claimNode = try required(top, "claim", in: document)
        let claim = try claimNode.mapping(allowed: ["min_entropy", "iid", "rationale"])
        let restartNode = try required(top, "restart", in: document)
        let restart = try restartNode.mapping(allowed: ["file", "source", "command", "command_timeout"])

        let bits = try required(noise, "bits_per_sample", in: noiseNode).int(in: 1...8)
        let noiseOrigin = try origin(noise, in: noiseNode)
        let samples = try noise["samples"].map { node throws(QualificationConfigError) in
            try node.int(in: QualificationConfig.minimumNoiseSamples...NonIIDData.maximumBits / bits)
        }
        let minEntropy = try required(claim, "min_entropy", in: claimNode).double(
            expected: "a number of bits per sample with 0 < H ≤ bits_per_sample (\(bits))") { $0 > 0 && $0 <= Double(bits) }

        let restartOrigin = try origin(restart, in: restartNode)
        let command = try restart["command"].map { node throws(QualificationConfigError) in try node.string() }
        if command != nil, case .file = restartOrigin {
            throw restart["command"]!.error("a restart command is run only when collecting: give restart.source, or drop the command")
        }
        let timeout = try restart["command_timeout"].map { node throws(QualificationConfigError) in
            try node.double(expected: "a number of seconds in (0, 86400]") { $0 > 0 && $0 <= 86_400 }
        } ?? 600

        var components: [QualificationConfig.ConditioningComponent] = []
        if let list = top["conditioning"] {
            var feedBits = bits, feedName = "bits_per_sample (\(bits))"
            for item in try list.sequence() {
                let values = try item.mapping(allowed: ["name", "vetted", "n_in", "n_out", "nw", "output_file"])
                let name = try required(values, "name", in: item).string()
                let vetted = try required(values, "vetted", in: item).bool()
                let limit = Int(UInt32.max)
                let nInNode = try required(values, "n_in", in: item)
                let nIn = try nInNode.int(in: 1...limit)
                guard nIn % feedBits == 0 else {
                    throw nInNode.error("must be a multiple of \(feedName): the input is made of whole \(components.isEmpty ? "samples" : "outputs") (SP 800-90B 3.1.5)")
                }
                let nOut = try required(values, "n_out", in: item).int(in: 1...limit)
                let nw = try required(values, "nw", in: item).int(in: 1...limit)
                let output = try values["output_file"].map { node throws(QualificationConfigError) in resolve(try node.string()) }
                if !vetted && output == nil {
                    throw item.error("a non-vetted component needs output_file: its conditioned sequential dataset (SP 800-90B 3.1.1 item 2)")
                }
                components.append(.init(name: name, vetted: vetted, inputBits: nIn, outputBits: nOut, narrowestWidth: nw, outputFile: output))
                feedBits = nOut
                feedName = "\(item.path).n_out (\(nOut))"
            }
        }

        var alpha = HealthTestParameters.defaultFalsePositiveProbability
        if let healthNode = top["health"] {
            let health = try healthNode.mapping(allowed: ["alpha"])
            if let node = health["alpha"] {
                alpha = try node.probability()
                do { try HealthTestParameters.validate(falsePositiveProbability: alpha) } catch { throw node.error("\(error)") }
            }
        }
        do {
            _ = try HealthTestParameters(minEntropy: minEntropy, bitsPerSymbol: bits, falsePositiveProbability: alpha)
        } catch {
            throw (top["health"] ?? claimNode).error("no health-test cutoffs for H = \(minEntropy) and this α: \(error)")
        }

        return QualificationConfig(
            device: .init(vendor: try required(device, "vendor", in: deviceNode).string(),
                          model: try required(device, "model", in: deviceNode).string(),
                          serial: try device["serial"]?.string(), firmware: try device["firmware"]?.string(),
                          description: try device["description"]?.string()),
            noise: .init(origin: noiseOrigin, samples: samples, bitsPerSample: bits),
            claim: .init(minEntropy: minEntropy, iid: try claim["iid"]?.bool() ?? false, rationale: try claim["rationale"]?.string()),
            restart: .init(origin: restartOrigin, command: command, commandTimeout: timeout),
            conditioning: components,
            health: .init(alpha: alpha))
    }

    /// Yams' parse errors as one line with the position.
    static func yamlError(_ error: YamlError, file: String) -> QualificationConfigError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return QualificationConfigError(file: file, line: mark.line, column: mark.column, key: "", message: "not valid YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return QualificationConfigError(file: file, line: context.mark.line, column: context.mark.column,
                                            key: duplicates.first ?? "", message: "given twice in one mapping")
        default:
            let text = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
            return QualificationConfigError(file: file, key: "", message: "not valid YAML: \(text)")
        }
    }
}
