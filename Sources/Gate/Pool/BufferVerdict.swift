import Capture
import Certification

/// Whether a tested buffer may be served: the battery's verdict is pass or suspect (a
/// borderline ENT band, not a failure), every byte asked for was captured, and the health
/// tests raised no alarm. Everything else is quarantined, with the reason.
public enum BufferVerdict {
    public static func judge(report: Report, manifest: CaptureManifest?, bufferSize: Int) -> (serve: Bool, reason: String?) {
        guard let manifest else { return (false, "no capture manifest") }
        if manifest.byteCount != bufferSize || !manifest.complete {
            return (false, "capture incomplete (\(manifest.endReason.rawValue), \(manifest.byteCount) of \(bufferSize) bytes)")
        }
        if manifest.health.alarmCount > 0 {
            return (false, "\(manifest.health.alarmCount) health-test alarm(s)")
        }
        switch report.verdict {
        case .pass, .suspect: return (true, nil)
        case .fail: return (false, "the battery failed")
        case .notApplicable: return (false, "no test could run on the buffer")
        }
    }
}
