// swift-tools-version: 6.0
// Benchmarks live in their own package (as swift-nio does) so the main package never
// depends on them. Run through scripts/bench-*.
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its directory, so take the main package's
/// directory name from here (the worktree or clone may be called anything).
let rootName = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "rngcert-benchmarks",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "sp80022-bench",
            dependencies: [
                .product(name: "SP80022", package: rootName),
                .product(name: "RandomnessCore", package: rootName),
            ]
        ),
        .executableTarget(
            name: "bench-iid",
            dependencies: [
                .product(name: "SP80090B", package: rootName),
                .product(name: "RandomnessCore", package: rootName),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
