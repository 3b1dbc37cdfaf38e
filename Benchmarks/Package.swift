// swift-tools-version: 6.0
import PackageDescription

/// Benchmarks live in their own package so that the product's build never compiles them;
/// they always run as release builds: `swift run -c release recall-bench`.
let package = Package(
    name: "recall-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "recall", path: "..")
    ],
    targets: [
        .executableTarget(
            name: "recall-bench",
            dependencies: [.product(name: "RecallCore", package: "recall")],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("InternalImportsByDefault"),
            ]
        )
    ]
)
