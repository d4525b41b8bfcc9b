// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "rngcert",
    products: [
        .executable(name: "rngcert", targets: ["rngcert"]),
        .library(name: "RandomnessCore", targets: ["RandomnessCore"]),
        .library(name: "ENT", targets: ["ENT"]),
        .library(name: "SP80022", targets: ["SP80022"]),
        .library(name: "SP80090B", targets: ["SP80090B"]),
        .library(name: "Capture", targets: ["Capture"]),
        .library(name: "AssessmentEngine", targets: ["AssessmentEngine"]),
        .library(name: "Certification", targets: ["Certification"]),
        .library(name: "History", targets: ["History"]),
        .library(name: "Batch", targets: ["Batch"]),
        .library(name: "Gate", targets: ["Gate"]),
        .library(name: "Qualification", targets: ["Qualification"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.3.0"),
        // The gate (Sources/Gate): HTTP server, ledger, metrics, client.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        // Device qualification (Sources/Qualification): the declarative qualification.yaml.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        .systemLibrary(
            name: "CFFTW",
            pkgConfig: "fftw3",
            providers: [.apt(["libfftw3-dev"])]
        ),
        .systemLibrary(
            name: "CBZip2",
            providers: [.apt(["libbz2-dev"])]
        ),
        .target(
            name: "RandomnessCore",
            dependencies: ["CGSL"]
        ),
        .target(name: "ENT", dependencies: ["RandomnessCore"]),
        .target(name: "SP80022", dependencies: ["RandomnessCore", "CFFTW"]),
        .target(name: "SP80090B", dependencies: ["RandomnessCore", "CBZip2"]),
        .target(
            name: "Capture",
            dependencies: [
                "RandomnessCore", "SP80090B", .product(name: "Crypto", package: "swift-crypto"),
                // HTTP sources: a client with backpressure and real TLS.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "AssessmentEngine",
            dependencies: [
                "RandomnessCore", "ENT", "SP80022", "SP80090B", "Capture",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Certification",
            dependencies: [
                "RandomnessCore", "ENT", "SP80022", "SP80090B", "Capture", "AssessmentEngine",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .target(
            name: "History",
            dependencies: [
                "RandomnessCore", "SP80022", "SP80090B", "AssessmentEngine", "Certification",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "Batch",
            dependencies: ["RandomnessCore", "AssessmentEngine", "Certification", "History"]
        ),
        .target(
            name: "Gate",
            dependencies: [
                "RandomnessCore", "Capture", "AssessmentEngine", "Certification",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .target(
            name: "Qualification",
            dependencies: [
                "RandomnessCore", "SP80090B", "Capture", "AssessmentEngine", "Certification",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "rngcert",
            dependencies: [
                "RandomnessCore", "ENT", "SP80022", "SP80090B", "Capture", "AssessmentEngine", "Certification", "Gate",
                "History", "Batch", "Qualification",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "RandomnessCoreTests", dependencies: ["RandomnessCore"]),
        .testTarget(name: "ENTTests", dependencies: ["ENT", "RandomnessCore"]),
        .testTarget(name: "SP80022Tests", dependencies: ["SP80022", "RandomnessCore"]),
        .testTarget(name: "SP80090BTests", dependencies: ["SP80090B", "RandomnessCore"]),
        .testTarget(name: "CaptureTests", dependencies: ["Capture", "RandomnessCore", "ENT", "SP80022", "SP80090B"]),
        .testTarget(name: "AssessmentEngineTests", dependencies: ["AssessmentEngine", "RandomnessCore", "ENT", "SP80022", "SP80090B"]),
        .testTarget(name: "CertificationTests", dependencies: ["Certification", "AssessmentEngine", "RandomnessCore", "ENT", "SP80022", "SP80090B"]),
        .testTarget(name: "HistoryTests", dependencies: ["History", "Certification", "AssessmentEngine", "RandomnessCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "BatchTests", dependencies: ["Batch", "History", "Certification", "AssessmentEngine", "RandomnessCore"]),
        .testTarget(
            name: "GateTests",
            dependencies: [
                "Gate", "Certification", "AssessmentEngine", "Capture", "RandomnessCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "QualificationTests", dependencies: [
            "Qualification", "Certification", "SP80090B", "Capture", "RandomnessCore", .product(name: "Yams", package: "Yams"),
        ]),
        .testTarget(name: "EndToEndTests", dependencies: ["rngcert", "AssessmentEngine", "Certification", "Capture", "SP80090B", "Gate", "Qualification"]),
    ],
    swiftLanguageModes: [.v6]
)
