// swift-tools-version: 6.0
// Benchmarks live in their own package (like swift-nio's) so the main package never depends
// on them. Run through scripts/bench-iid.
import PackageDescription

let package = Package(
    name: "rngcert-benchmarks",
    dependencies: [
        .package(name: "rngcert", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "bench-iid",
            dependencies: [
                .product(name: "SP80090B", package: "rngcert"),
                .product(name: "RandomnessCore", package: "rngcert"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
