// swift-tools-version:6.2
import PackageDescription

/// Render benchmark for the Handlebars target, kept out of the main build.
/// Run `./run.sh` (builds in release, compares with handlebars.js on one core).
let package = Package(
    name: "HandlebarsBenchmark",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "hookctl", path: "../..")],
    targets: [
        .target(name: "MallocCounter"),
        .executableTarget(
            name: "HandlebarsBenchmark",
            dependencies: [
                "MallocCounter", .product(name: "Handlebars", package: "hookctl"),
                .product(name: "JSON", package: "hookctl"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
