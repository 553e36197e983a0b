// swift-tools-version:6.2
import PackageDescription

/// Layering (arrows point down; enforced by `--explicit-target-dependency-import-check error` in CI):
///   6 hookctl (executable: ArgumentParser commands only)
///   5 HookctlCore (a folder per command, output formats and exit codes, terminal and environment)
///   4 Console (the web console's router, access, pages and assets; mounted by HookctlCore on the runner's listener
///     through Runner's extra-routes seam, or served alone by `hookctl console`)
///   3 Runner (intake server, delivery workers; services in one ServiceGroup) · StoreSelection (store URL → backend)
///     · WebhookReceiver (hookctl receive: a local receiver that verifies signatures)
///   2 TemplateLint · Reconciler · SQLiteStore (GRDB) · PostgresStore (postgres-nio) · Delivery (send path, address guard, transports, retry rules)
///   1 Handlebars · AccessEvents · Declarations (Yams) · Store (seams by consumer, sealing, time, in-memory store)
///   0 WebhookModel (value types, SourceLocation, Diagnostic) · JSON (value, parser, writers)
/// Test-only: TestSupport, StoreContracts, ApplyPausedBeforeCommit; a test target per source target.
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
        .library(name: "JSON", targets: ["JSON"]),
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
        // The intake's per-request body deadline sees Hummingbird's HTTP parts (already in the graph through it).
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        // Test receivers only. No default traits: they recompile much of Hummingbird for nothing.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        // The runner: services with graceful shutdown, structured logs.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // The runner's `/metrics`: swift-metrics' API, rendered in Prometheus text by swift-prometheus.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // The shared store: a PostgreSQL connection pool.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(
            name: "WebhookModel"
        ),
        .target(
            name: "JSON"
        ),
        .target(
            name: "Handlebars", dependencies: ["JSON"]
        ),
        .target(
            name: "AccessEvents",
            dependencies: ["WebhookModel", "JSON", "Handlebars"]
        ),
        .target(
            name: "Declarations",
            dependencies: ["WebhookModel", "JSON", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "TemplateLint",
            dependencies: ["WebhookModel", "JSON", "Declarations", "Handlebars", "AccessEvents"]
        ),
        .target(
            name: "Store",
            dependencies: ["WebhookModel", "JSON", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "SQLiteStore",
            dependencies: ["Store", "WebhookModel", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "PostgresStore",
            dependencies: [
                "Store", "WebhookModel", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "StoreSelection",
            dependencies: [
                "Store", "SQLiteStore", "PostgresStore", "WebhookModel",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "Reconciler",
            dependencies: ["Store", "WebhookModel", "JSON", "Declarations"]
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
            ]
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
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .target(
            name: "WebhookReceiver",
            dependencies: [
                "Delivery",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Console",
            dependencies: [
                "WebhookModel", "JSON", "Declarations", "Handlebars", "AccessEvents", "TemplateLint", "Store",
                "Delivery", "Runner",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "HookctlCore",
            dependencies: [
                "WebhookModel", "JSON", "Declarations", "Handlebars", "AccessEvents", "TemplateLint", "Store",
                "StoreSelection", "Reconciler", "Delivery", "Runner", "WebhookReceiver", "Console",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "hookctl",
            dependencies: [
                "HookctlCore", "WebhookModel", "StoreSelection",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
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
                "PostgresStore", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/TestSupport"
        ),
        // The store contract suites' bodies, one function per check taking a store factory: every backend's test
        // target runs them, without StoreTests linking another backend's driver.
        .target(
            name: "StoreContracts",
            dependencies: ["Store", "WebhookModel"],
            path: "Tests/StoreContracts"
        ),
        // A real `hookctl apply` that pauses inside its transaction, for the SIGKILL test.
        .executableTarget(
            name: "ApplyPausedBeforeCommit",
            dependencies: ["HookctlCore", "SQLiteStore", "Store", "StoreSelection"],
            path: "Tests/ApplyPausedBeforeCommit"
        ),
        .testTarget(
            name: "JSONTests", dependencies: ["JSON"]
        ),
        .testTarget(
            name: "WebhookModelTests", dependencies: ["WebhookModel"]
        ),
        .testTarget(
            name: "HandlebarsTests",
            dependencies: ["Handlebars", "JSON"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "AccessEventsTests",
            dependencies: ["AccessEvents", "JSON", "Handlebars", "WebhookModel", "TestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "DeclarationsTests",
            dependencies: ["Declarations", "WebhookModel", "TestSupport"]
        ),
        .testTarget(
            name: "TemplateLintTests",
            dependencies: [
                "TemplateLint", "Declarations", "WebhookModel", "JSON", "Handlebars", "AccessEvents", "TestSupport",
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "PostgresStoreTests",
            dependencies: [
                "PostgresStore", "StoreSelection", "Store", "StoreContracts", "TestSupport", "WebhookModel",
            ]
        ),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "SQLiteStore", "WebhookModel", "StoreContracts", "TestSupport"]
        ),
        .testTarget(
            name: "ReconcilerTests",
            dependencies: ["Reconciler", "Store", "SQLiteStore", "Declarations", "WebhookModel", "TestSupport"]
        ),
        .testTarget(
            name: "DeliveryTests",
            dependencies: [
                "Delivery", "Store", "WebhookModel", "Handlebars", "AccessEvents", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "RunnerTests",
            dependencies: [
                "Runner", "Store", "SQLiteStore", "Delivery", "AccessEvents", "WebhookModel", "JSON", "StoreContracts",
                "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ConsoleTests",
            dependencies: [
                "Console", "Store", "SQLiteStore", "Delivery", "Declarations", "Reconciler", "WebhookModel", "JSON",
                "StoreContracts", "TestSupport", "Runner",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "HookctlCoreTests",
            dependencies: [
                "HookctlCore", "WebhookModel", "Declarations", "Handlebars", "AccessEvents", "Store", "SQLiteStore",
                "Reconciler", "StoreSelection", "ApplyPausedBeforeCommit", "TestSupport", "JSON",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            exclude: ["Fixtures"]
        ),
    ]
)

// Every target of hookctl's own gets the same strict settings, in one place.
for target in package.targets {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSwift
}
