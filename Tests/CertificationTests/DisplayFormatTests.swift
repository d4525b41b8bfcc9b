@testable import Certification
import Testing

@Suite("HTML number formats")
struct DisplayFormatTests {
    @Test("fixed decimals, no negative zero")
    func fixed() {
        #expect(DisplayFormat.fixed(0.7572449, 6) == "0.757245")
        #expect(DisplayFormat.fixed(238.926, 2) == "238.93")
        #expect(DisplayFormat.fixed(-0.0000001, 3) == "0.000")
        #expect(DisplayFormat.fixed(-0.000891, 6) == "-0.000891")
        #expect(DisplayFormat.fixed(3, 0) == "3")
    }

    @Test("p-values: six decimals as STS prints them; tiny ones never shown as zero")
    func pValues() {
        #expect(DisplayFormat.pValue(0.534146) == "0.534146")
        #expect(DisplayFormat.pValue(0.01) == "0.010000")
        #expect(DisplayFormat.pValue(0) == "0.000000")
        #expect(DisplayFormat.pValue(1) == "1.000000")
        #expect(DisplayFormat.pValue(3.2e-9) == "3.2e-09")
        #expect(DisplayFormat.pValue(0.0000004) == "4.0e-07")
        #expect(DisplayFormat.pValue(0.0000005) == "5.0e-07")  // "%.6f" rounds 5e-7 (just below in binary) to 0
        #expect(DisplayFormat.pValue(0.0000006) == "0.000001")
    }

    @Test("thousands separators and byte sizes")
    func grouping() {
        #expect(DisplayFormat.grouped(0) == "0")
        #expect(DisplayFormat.grouped(999) == "999")
        #expect(DisplayFormat.grouped(1000) == "1,000")
        #expect(DisplayFormat.grouped(1_048_576) == "1,048,576")
        #expect(DisplayFormat.grouped(-1234) == "-1,234")
        #expect(DisplayFormat.grouped(UInt64.max) == "18,446,744,073,709,551,615")
        #expect(DisplayFormat.bytes(1) == "1 byte")
        #expect(DisplayFormat.bytes(1023) == "1,023 bytes")
        #expect(DisplayFormat.bytes(1_048_576) == "1,048,576 bytes (1.00 MiB)")
        #expect(DisplayFormat.bytes(1536) == "1,536 bytes (1.50 KiB)")
    }

    @Test("RFC 3339 instants and durations")
    func times() {
        // Epoch seconds from Python's datetime(2000, 3, 1, tzinfo=utc).timestamp() and
        // datetime(2026, 11, 21, 20, 58, 3, tzinfo=utc).timestamp().
        #expect(DisplayFormat.seconds(rfc3339: "1970-01-01T00:00:00Z") == 0)
        #expect(DisplayFormat.seconds(rfc3339: "2000-03-01T00:00:00Z") == 951_868_800)
        #expect(DisplayFormat.seconds(rfc3339: "2026-11-21T20:58:03.125Z") == 1_795_294_683.125)
        #expect(DisplayFormat.duration(from: "1970-01-01T00:00:00Z", to: "2000-03-01T00:00:00Z") == "264408 h 00 min")
        #expect(DisplayFormat.duration(from: "2026-11-21T22:22:02.682Z", to: "2026-11-21T22:22:02.776Z") == "0.094 s")
        #expect(DisplayFormat.duration(from: "2026-11-21T20:58:03.125Z", to: "2026-11-21T21:00:05.625Z") == "2 min 02.5 s")
        #expect(DisplayFormat.duration(from: "2026-11-21T20:58:03.125Z", to: "2026-11-21T20:58:03.000Z") == nil)
        #expect(DisplayFormat.duration(from: "yesterday", to: "2026-11-21T20:58:03.000Z") == nil)
    }
}
