import Capture
import Foundation
import Testing

/// `--source`, `--header` and HTTP body formats as the user writes them.
struct SourceParsingTests {
    @Test func sourceSpecs() throws {
        #expect(try CaptureSourceSpec(parsing: "-") == .standardInput)
        #expect(try CaptureSourceSpec(parsing: "/dev/hwrng") == .path("/dev/hwrng"))
        #expect(try CaptureSourceSpec(parsing: "capture.bin") == .path("capture.bin"))
        #expect(try CaptureSourceSpec(parsing: "tcp://127.0.0.1:4000") == .tcp(host: "127.0.0.1", port: 4000))
        #expect(try CaptureSourceSpec(parsing: "TCP://rng.lab:1/") == .tcp(host: "rng.lab", port: 1))
        #expect(try CaptureSourceSpec(parsing: "tcp://[::1]:4000") == .tcp(host: "::1", port: 4000))
        #expect(try CaptureSourceSpec(parsing: "tcp://[::1]:4000").description == "tcp://[::1]:4000")
        let http = try CaptureSourceSpec(parsing: "https://qrng.example/api/v1/bytes?length=1024&key=SECRET")
        #expect(http == .http(URL(string: "https://qrng.example/api/v1/bytes?length=1024&key=SECRET")!))
        #expect(http.description == "https://qrng.example/api/v1/bytes?…")
        #expect(try CaptureSourceSpec(parsing: "http://user:pw@host:8080/r").description == "http://host:8080/r")
    }

    @Test(arguments: ["tcp://host", "tcp://host:0", "tcp://host:70000", "tcp://:80", "tcp://[::1]4000", "ftp://x/y", "", "http://"])
    func badSourcesAreRefused(text: String) {
        #expect(throws: CaptureError.self) { _ = try CaptureSourceSpec(parsing: text) }
    }

    @Test func headers() throws {
        #expect(try HTTPHeader(parsing: "X-API-Key: abc:def ") == HTTPHeader(name: "X-API-Key", value: "abc:def"))
        #expect(try HTTPHeader(parsing: "Authorization:Bearer t0k3n") == HTTPHeader(name: "Authorization", value: "Bearer t0k3n"))
        for bad in ["no colon here", ": value", "Bad Name: v"] {
            let error = #expect(throws: CaptureError.self) { _ = try HTTPHeader(parsing: bad) }
            #expect(error?.description.contains("--header") == true)
        }
        // The value of a malformed header is not echoed (it may be a secret).
        let error = #expect(throws: CaptureError.self) { _ = try HTTPHeader(parsing: "Bad Name: SECRET") }
        #expect(error?.description.contains("SECRET") == false)
    }

    @Test func rawBodies() throws {
        #expect(try HTTPBodyFormat.raw.bytes(from: Data([0, 1, 255]), source: "s") == [0, 1, 255])
        #expect(throws: CaptureSourceError.self) { _ = try HTTPBodyFormat.raw.bytes(from: Data(), source: "s") }
    }

    @Test func jsonBodies() throws {
        let bytes: [UInt8] = [0x00, 0x10, 0xAB, 0xFF, 0x7E]
        let base64 = Data(bytes).base64EncodedString()
        func body(_ json: String) -> Data { Data(json.utf8) }
        let b64 = HTTPBodyFormat.json(field: "data", encoding: .base64)
        #expect(try b64.bytes(from: body("{\"data\":\"\(base64)\"}"), source: "s") == bytes)
        #expect(try b64.bytes(from: body("{\"data\":\"\(base64.replacingOccurrences(of: "=", with: ""))\"}"), source: "s") == bytes)
        let hex = HTTPBodyFormat.json(field: "result.random.data", encoding: .hex)
        #expect(try hex.bytes(from: body("{\"result\":{\"random\":{\"data\":\"0010abFF7e\"}}}"), source: "s") == bytes)
        let array = HTTPBodyFormat.json(field: "data", encoding: .hex)
        #expect(try array.bytes(from: body("{\"type\":\"uint8\",\"data\":[0,16,171,255,126],\"success\":true}"), source: "s") == bytes)
        let element = HTTPBodyFormat.json(field: "data.1", encoding: .hex)
        #expect(try element.bytes(from: body("{\"data\":[\"00\",\"0010abff7e\"]}"), source: "s") == bytes)

        let failures: [(HTTPBodyFormat, String, String)] = [
            (b64, "not json", "not JSON"),
            (b64, "{\"other\":\"AAAA\"}", "no JSON field 'data'"),
            (b64, "{\"data\":\"@@@@\"}", "not valid base64"),
            (hex, "{\"result\":{\"random\":{\"data\":\"abc\"}}}", "not valid hex"),
            (array, "{\"data\":[1,2,300]}", "not a byte"),
            (array, "{\"data\":42}", "neither a string nor an array"),
            (b64, "{\"data\":\"\"}", "is empty"),
        ]
        for (format, json, reason) in failures {
            let error = #expect(throws: CaptureSourceError.self) { _ = try format.bytes(from: body(json), source: "src") }
            #expect(error?.description.contains(reason) == true, "\(json): \(String(describing: error))")
            #expect(error?.isRetryable == false)
        }
    }

    @Test func retryableFailures() {
        #expect(CaptureSourceError.httpStatus(source: "s", status: 503, body: "").isRetryable)
        #expect(CaptureSourceError.httpStatus(source: "s", status: 429, body: "").isRetryable)
        #expect(!CaptureSourceError.httpStatus(source: "s", status: 404, body: "").isRetryable)
        #expect(CaptureSourceError.timedOut(source: "s", seconds: 1).isRetryable)
        #expect(CaptureSourceError.closedEarly(source: "s", offset: 3).isRetryable)
        #expect(!CaptureSourceError.cannotOpen(source: "s", reason: "x").isRetryable)
        #expect(!CaptureSourceError.stopped.isRetryable)
    }

    @Test func backoffDoublesUpToItsCap() {
        let policy = RetryPolicy(maxRetries: 10, initialDelay: 0.25, maxDelay: 3)
        #expect((1...6).map { policy.delay(beforeRetry: $0) } == [0.25, 0.5, 1, 2, 3, 3])
    }
}
