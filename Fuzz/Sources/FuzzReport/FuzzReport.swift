import Certification
import FuzzDriver

/// Report reading, as `verify` and `render` do it: any bytes either decode into a report —
/// which then re-encodes and renders — or give a `ReportError`; nothing traps.
@_cdecl("FuzzReport_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in
        let input = bytes(data, size)
        guard let report = try? ReportCoding.decode(input, path: "fuzz.json") else { return 0 }
        if let encoded = try? ReportCoding.encode(report) {
            _ = ReportHTML.render(report, reportBytes: encoded)
        }
        _ = try? SignedReportInput(reportBytes: input, reportPath: "fuzz.json", signature: [UInt8](repeating: 0, count: 64),
                                   signaturePath: "fuzz.json.sig")
        return 0
    }
}
