// swift-tools-version: 6.0
import PackageDescription

/// Every target is built in Swift 6 language mode (strict concurrency) with the same settings.
let sharedSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// `-static-stdlib` for the executable's release build on Linux (see the `recall` target).
let staticRuntimeInRelease = SwiftSetting.unsafeFlags(
    ["-static-stdlib"], .when(platforms: [.linux], configuration: .release))
/// Its link, with the toolchain's lld: gold prints glibc's link-time warning about `mktemp`,
/// which the static Foundation refers to; lld does not.
let staticRuntimeLinkInRelease = LinkerSetting.unsafeFlags(
    ["-static-stdlib", "-use-ld=lld"], .when(platforms: [.linux], configuration: .release))

let package = Package(
    name: "recall",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "recall", targets: ["recall"]),
        .library(name: "RecallCore", targets: ["RecallCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // The rules of the product: fact model, generator, answer checking, scheduling, storage.
        // No terminal I/O lives here.
        .target(
            name: "RecallCore",
            dependencies: [
                "CSQLite",
                "CSystemZlib",
                "CZstd",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: sharedSettings,
            plugins: ["EmbedDecks"]
        ),
        // Builds Decks/csto.yaml into RecallCore, so no generated copy is committed.
        .plugin(name: "EmbedDecks", capability: .buildTool(), path: "Sources/EmbedDecks"),
        // GNU readline (libreadline-dev). Headers are on the default include path and the module
        // map links -lreadline; pkgConfig is not used because Debian's readline.pc pulls in flags
        // that SwiftPM rejects with a warning.
        .systemLibrary(name: "CReadline"),
        // The system SQLite (libsqlite3-dev), for Anki packages: a module map linking -lsqlite3
        // and a header shim, like CReadline.
        .systemLibrary(name: "CSQLite"),
        // The system zstd (libzstd-dev): current Anki packages (collection.anki21b, media) are
        // zstd-compressed.
        .systemLibrary(name: "CZstd"),
        // The system zlib (zlib1g-dev; ZIPFoundation's own module is called CZlib): SafeZip
        // inflates zip members itself, bounded by their
        // declared sizes, so a truncated or endless deflate stream is refused, never waited on.
        .systemLibrary(name: "CSystemZlib"),
        .executableTarget(
            name: "recall",
            dependencies: [
                "RecallCore",
                "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Release builds on Linux link the Swift runtime and Foundation into the program
            // (the C libraries stay shared): it starts in about 5 ms of CPU instead of 8, as the
            // dynamic loader no longer binds ~11,000 symbols across a dozen Swift libraries (see
            // Benchmarks/README.md, "Launch and replay start"). Compiling this target with the flag
            // too makes it name the static libraries Foundation needs (ICU among them) for the
            // linker. Debug builds, and so `swift test`, link as before. A release build of the
            // tests (`swift build -c release --build-tests -Xswiftc -enable-testing`, as the CLI
            // tests import this module with @testable) does not link: the test bundle inherits the
            // flags and XCTest and Swift Testing have no static libraries.
            swiftSettings: sharedSettings + [staticRuntimeInRelease],
            linkerSettings: [staticRuntimeLinkInRelease]
        ),
        // Scratch folders and other helpers shared by both test targets.
        .target(
            name: "RecallTestSupport",
            path: "Tests/RecallTestSupport",
            swiftSettings: sharedSettings
        ),
        .testTarget(
            name: "RecallCoreTests",
            dependencies: [
                "RecallCore", "RecallTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: sharedSettings
        ),
        .testTarget(
            name: "RecallCLITests",
            dependencies: ["recall", "RecallCore", "RecallTestSupport"],
            // The golden screens are read from the source tree (so Scripts/update-golden can
            // rewrite them), not bundled as resources.
            exclude: ["Golden"],
            swiftSettings: sharedSettings
        ),
    ]
)
