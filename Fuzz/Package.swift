// swift-tools-version: 6.0
// libFuzzer targets, in their own package (as Benchmarks/ is) so the main package never
// depends on them. Build and run through `make fuzz` (scripts/fuzz): every module is compiled
// with -sanitize=fuzzer,address and linked with lld.
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its directory (the clone may be called anything).
let rootName = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "rngcert-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(name: "FuzzDecoders", dependencies: [
            "FuzzDriver", .product(name: "RandomnessCore", package: rootName),
        ]),
        .executableTarget(name: "FuzzReport", dependencies: [
            "FuzzDriver", .product(name: "Certification", package: rootName),
            .product(name: "AssessmentEngine", package: rootName),
        ]),
        .executableTarget(name: "FuzzKeys", dependencies: [
            "FuzzDriver", .product(name: "Certification", package: rootName),
        ]),
        .executableTarget(name: "FuzzCapture", dependencies: [
            "FuzzDriver", .product(name: "Capture", package: rootName),
        ]),
        .executableTarget(name: "FuzzQualification", dependencies: [
            "FuzzDriver", .product(name: "Qualification", package: rootName),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
