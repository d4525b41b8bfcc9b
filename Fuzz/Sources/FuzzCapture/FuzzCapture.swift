import Capture
import FuzzDriver
import Foundation

/// What capture reads from the network and from disk: HTTP bodies in every format (raw, and a
/// JSON field in base64 or hex, with a dotted path) and the capture manifest. Any bytes give
/// bytes or an error; nothing traps.
///
/// Input layout: byte 0 picks the body format; the rest is the body (or the manifest).
@_cdecl("FuzzCapture_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in
        let all = bytes(data, size)
        guard let selector = all.first else { return 0 }
        let body = Data(all.dropFirst())
        let formats: [HTTPBodyFormat] = [
            .raw, .json(field: "data", encoding: .base64), .json(field: "data", encoding: .hex),
            .json(field: "result.random.data", encoding: .base64),
        ]
        _ = try? formats[Int(selector) % formats.count].bytes(from: body, source: "fuzz")
        _ = try? JSONDecoder().decode(CaptureManifest.self, from: body)
        return 0
    }
}
