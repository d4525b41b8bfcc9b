import FuzzDriver
import Qualification

/// Qualification files and reports: any text either parses into a validated configuration
/// or gives one `QualificationConfigError`; any bytes either decode as a canonical
/// qualification report or give a `ReportError`. Nothing traps, hangs or grows without bound.
@_cdecl("FuzzQualification_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in
        let input = bytes(data, size)
        if QualificationReport.isQualificationReport(input) {
            _ = try? QualificationReport.decode(input, path: "fuzz.json")
        } else {
            _ = try? QualificationConfigParser.parse(String(decoding: input, as: UTF8.self), file: "fuzz.yaml", baseDirectory: "/fuzz")
        }
        return 0
    }
}
