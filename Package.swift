// swift-tools-version:6.2
import PackageDescription

/// Layering (arrows point down; enforced by `--explicit-target-dependency-import-check error` in CI):
///   hookctl (executable: ArgumentParser commands only)
///     └─ HookctlCore (one function per command, printers, exit codes)
///          ├─ Reconciler (pure planner: desired × live → Plan; applier with stale-plan and lock checks)
///          ├─ SQLiteStore (GRDB) ── Store (protocol seams split by consumer + in-memory implementation)
///          ├─ Declarations (webhooks.d discovery, YAML → [Webhook] + diagnostics)
///          │    └─ WebhookModel (value types, SourceLocation, Diagnostic)
///          └─ Handlebars (standalone template engine, stdlib only)
/// Every warning in hookctl's own targets fails a CI build (dependencies keep their warnings suppressed).
let warningsAreErrors = Context.environment["CI"] == "true" || Context.environment["HOOKCTL_WERROR"] == "1"

let strictSwift: [SwiftSetting] =
    [
        .swiftLanguageMode(.v6),
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ] + (warningsAreErrors ? [.treatAllWarnings(as: .error)] : [])

let package = Package(
    name: "hookctl",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hookctl", targets: ["hookctl"]),
        .library(name: "Handlebars", targets: ["Handlebars"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Delivery: TLS trust roots (--ca-file), the pooled transport (NIOPosix, NIOHTTP1, NIOSSL), and
        // timeouts and headers for async-http-client.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // Test receivers only. No default traits: they recompile much of Hummingbird for nothing.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        // The runner: services with graceful shutdown, structured logs.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .target(name: "WebhookModel", swiftSettings: strictSwift),
        .target(name: "JSON", swiftSettings: strictSwift),
        .target(name: "Handlebars", dependencies: ["JSON"], swiftSettings: strictSwift),
        .target(
            name: "AccessEvents",
            dependencies: ["WebhookModel", "JSON", "Handlebars"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "Declarations",
            dependencies: ["WebhookModel", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSwift
        ),
        .target(
            name: "TemplateLint",
            dependencies: ["WebhookModel", "JSON", "Declarations", "Handlebars", "AccessEvents"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "Store",
            dependencies: ["WebhookModel", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSwift
        ),
        .target(
            name: "SQLiteStore",
            dependencies: ["Store", "WebhookModel", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSwift
        ),
        .target(
            name: "StoreSelection",
            dependencies: ["Store", "SQLiteStore", "WebhookModel"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "Reconciler",
            dependencies: ["Store", "WebhookModel", "JSON", "Declarations"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "Delivery",
            dependencies: [
                "WebhookModel", "JSON", "Store", "Handlebars", "AccessEvents",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSwift
        ),
        .target(
            name: "Runner",
            dependencies: [
                "WebhookModel", "JSON", "AccessEvents", "Store", "Delivery",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        .target(
            name: "HookctlCore",
            dependencies: [
                "WebhookModel", "JSON", "Declarations", "Handlebars", "AccessEvents", "TemplateLint", "Store",
                "StoreSelection", "Reconciler", "Delivery", "Runner",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "hookctl",
            dependencies: [
                "HookctlCore", "WebhookModel", "StoreSelection",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        // Shared by the test targets: golden files, workspaces, the loopback receiver and its PKI, the Python verifiers.
        .target(
            name: "TestSupport",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: strictSwift
        ),
        // The store contract suites' bodies, one function per check taking a store factory: every backend's test
        // target runs them, without StoreTests linking another backend's driver.
        .target(
            name: "StoreContracts",
            dependencies: ["Store", "WebhookModel"],
            path: "Tests/StoreContracts",
            swiftSettings: strictSwift
        ),
        // A real `hookctl apply` that pauses inside its transaction, for the SIGKILL test.
        .executableTarget(
            name: "ApplyPausedBeforeCommit",
            dependencies: ["HookctlCore", "SQLiteStore", "Store", "StoreSelection"],
            path: "Tests/ApplyPausedBeforeCommit",
            swiftSettings: strictSwift
        ),
        .testTarget(name: "JSONTests", dependencies: ["JSON"], swiftSettings: strictSwift),
        .testTarget(name: "WebhookModelTests", dependencies: ["WebhookModel"], swiftSettings: strictSwift),
        .testTarget(
            name: "HandlebarsTests",
            dependencies: ["Handlebars", "JSON"],
            exclude: ["Fixtures"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "AccessEventsTests",
            dependencies: ["AccessEvents", "JSON", "Handlebars", "WebhookModel", "TestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "DeclarationsTests",
            dependencies: ["Declarations", "WebhookModel", "TestSupport"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "TemplateLintTests",
            dependencies: [
                "TemplateLint", "Declarations", "WebhookModel", "JSON", "Handlebars", "AccessEvents", "TestSupport",
            ],
            exclude: ["Fixtures"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "SQLiteStore", "WebhookModel", "StoreContracts", "TestSupport"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "ReconcilerTests",
            dependencies: ["Reconciler", "Store", "SQLiteStore", "Declarations", "WebhookModel", "TestSupport"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "DeliveryTests",
            dependencies: [
                "Delivery", "Store", "WebhookModel", "Handlebars", "AccessEvents", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "RunnerTests",
            dependencies: [
                "Runner", "Store", "Delivery", "AccessEvents", "WebhookModel", "JSON", "StoreContracts", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "HookctlCoreTests",
            dependencies: [
                "HookctlCore", "WebhookModel", "Declarations", "Handlebars", "AccessEvents", "Store", "SQLiteStore",
                "Reconciler", "StoreSelection", "ApplyPausedBeforeCommit", "TestSupport", "JSON",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: strictSwift
        ),
    ]
)
