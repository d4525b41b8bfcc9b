import AssessmentEngine
import Certification
import FuzzDriver

/// Report reading, as `verify` and `render` do it: any bytes either decode into a report —
/// which then re-encodes and renders — or give a `ReportError`; nothing traps. The same bytes
/// read as a shard's partial result (`merge`): they decode and merge as a one-shard run, or
/// give an error.
@_cdecl("FuzzReport_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in
        let input = bytes(data, size)
        if let part = try? PartialResult.decode(input, path: "partial.json"),
           let plan = try? ShardPlan(parameters: part.command.parameters, totalBytes: part.input.byteCount, count: part.shard.ranges.count) {
            _ = try? ShardMerge.merge([part.shard], plan: plan, parameters: part.command.parameters)
        }
        guard let report = try? ReportCoding.decode(input, path: "fuzz.json") else { return 0 }
        if let encoded = try? ReportCoding.encode(report) {
            _ = ReportHTML.render(report, reportBytes: encoded)
        }
        _ = try? SignedReportInput(reportBytes: input, reportPath: "fuzz.json", signature: [UInt8](repeating: 0, count: 64),
                                   signaturePath: "fuzz.json.sig")
        return 0
    }
}
