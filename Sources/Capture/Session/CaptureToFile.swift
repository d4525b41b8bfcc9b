import RandomnessCore

/// A whole capture: source → file (atomically published) + manifest.
///
/// Both the file and `FILE.manifest.json` are refused if they exist, unless `overwrite`.
/// Whatever way the capture ends (complete, interrupted, failing source, health stop),
/// the bytes captured are flushed and published, and the manifest says how it ended.
public enum CaptureToFile {
    /// The published capture.
    public struct Outcome: Sendable {
        public var manifest: CaptureManifest
        public var result: CaptureResult
        public var path: String
        public var manifestPath: String
    }

    /// Runs the capture. Throws before capturing (bad parameters, existing output, an
    /// unopenable source), when the file cannot be published (`.cannotPublish` names where
    /// the bytes are kept), or when the file is published but its manifest could not be
    /// written (`.manifestNotWritten`; space for it is set aside before capturing, so a
    /// capture that fills the disk still gets its manifest).
    public static func run(
        source spec: CaptureSourceSpec, sourceOptions: CaptureSourceOptions, to path: String, overwrite: Bool,
        configuration: CaptureConfiguration, stop: StopSignal, tool: String,
        onProgress: (@Sendable (CaptureProgress) -> Void)? = nil
    ) throws(CaptureError) -> Outcome {
        if configuration.byteLimit == nil && spec.needsByteLimit {
            throw .invalidParameter(name: "--bytes", value: "(none)", reason: "\(spec) never ends; give --bytes N")
        }
        let manifestPath = CaptureManifest.path(forCapture: path)
        if !overwrite {
            for p in [path, manifestPath] where FileBytes.exists(p) { throw .output(.exists(path: p)) }
        }
        var sourceOptions = sourceOptions
        sourceOptions.byteLimit = configuration.byteLimit
        let source = try spec.open(sourceOptions, stop: stop)
        defer { source.close() }
        let output: AtomicFileStream
        do { output = try AtomicFileStream(path: path, overwrite: overwrite) } catch { throw .output(error) }
        return try run(source: source, output: output, configuration: configuration, stop: stop, tool: tool, onProgress: onProgress)
    }

    /// Runs a capture from an open source into an open output stream, then publishes the
    /// file and writes the manifest.
    public static func run(
        source: any ByteSource, output: AtomicFileStream, configuration: CaptureConfiguration, stop: StopSignal,
        tool: String, onProgress: (@Sendable (CaptureProgress) -> Void)? = nil
    ) throws(CaptureError) -> Outcome {
        let manifestPath = CaptureManifest.path(forCapture: output.path)
        // The manifest's space is taken before the capture can fill the disk.
        let reservation = ManifestReservation(besides: manifestPath)
        let session = CaptureSession(source: source, configuration: configuration, stop: stop)
        session.onProgress = onProgress
        let result: CaptureResult
        do {
            result = try session.run(into: output)
        } catch {
            output.discard()
            throw .invalidParameter(name: "health test parameters", value: "\(configuration.health.parameters)", reason: error.description)
        }
        do {
            try output.commit()
        } catch {
            throw .cannotPublish(error, keptAt: output.temporaryPath)
        }
        let name = SecureFileWriter.split(output.path).name
        let manifest = CaptureManifest(tool: tool, source: source.record, file: name,
                                       requestedBytes: configuration.byteLimit, result: result)
        do throws(FileWriteError) {
            let bytes: [UInt8]
            do { bytes = try manifest.encoded() } catch { throw .writeFailed(path: manifestPath, reason: "\(error)") }
            if let reservation, bytes.count <= ManifestReservation.size {
                try reservation.publish(bytes, to: manifestPath, overwrite: output.overwrite)
            } else {
                reservation?.discard()
                try SecureFileWriter.replace(manifestPath, bytes: bytes, mode: 0o644, overwrite: output.overwrite)
            }
        } catch {
            throw .manifestNotWritten(error, capture: output.path, byteCount: result.byteCount, sha256: result.sha256)
        }
        return Outcome(manifest: manifest, result: result, path: output.path, manifestPath: manifestPath)
    }
}
