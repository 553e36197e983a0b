public import Hummingbird

/// How a runner takes events in and sends them out; `hookctl run` fills it from its flags.
public struct RunnerConfiguration: Sendable {
    /// Where the intake listens.
    public var host: String
    public var port: Int
    /// The bearer token every intake request must carry.
    public var ingestToken: String
    /// The certificate chain and key the intake serves HTTPS with; `nil` serves plain HTTP.
    public var tls: ServedTLS?
    /// Sends in flight at once, over all webhooks.
    public var concurrency: Int
    /// Sends in flight at once to one host.
    public var perHostLimit: Int
    /// How long in-flight sends may take to finish after SIGTERM or SIGINT; the rest stay queued.
    public var shutdownTimeout: Duration
    /// How long a claimed delivery is leased to this runner before another may take it.
    public var lease: Duration
    /// How often the queue is looked at when nothing wakes the workers sooner.
    public var pollInterval: Duration
    /// How long the intake waits for the store to commit before answering 503.
    public var commitTimeout: Duration
    /// How long a connection may sit idle, or take to send a request's head, before it is closed.
    public var idleTimeout: Duration
    /// How long a request's body may take to arrive whole after its head before the connection is closed.
    public var bodyTimeout: Duration
    /// The most intake connections open at once; more wait to be accepted until one closes.
    public var maxConnections: Int
    /// Consecutive failures, spanning at least `disableAfterSpan`, that disable a webhook.
    public var disableAfterFailures: Int
    public var disableAfterSpan: Duration
    /// This runner's name in leases and logs.
    public var owner: String
    /// Where the runner records its metrics, rendered by `GET /metrics`: a fresh registry unless given one (`hookctl
    /// run` gives the one it bootstrapped `MetricsSystem` with).
    public var metrics: RunnerMetrics
    /// How often the queue gauges are refreshed from the store's queue summary (not on every scrape).
    public var queueMetricsInterval: Duration
    /// Routes served on the intake's listener beside `/v1/…` (the console, which `hookctl run` mounts here unless
    /// `--no-console`); the runner does not know what they are.
    public var extraRoutes: (@Sendable (Router<BasicRequestContext>) -> Void)?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, ingestToken: String, tls: ServedTLS? = nil,
        concurrency: Int = 256, perHostLimit: Int = 32,
        shutdownTimeout: Duration = .seconds(10), lease: Duration = .seconds(300), pollInterval: Duration = .seconds(1),
        commitTimeout: Duration = .seconds(5), idleTimeout: Duration = .seconds(30),
        bodyTimeout: Duration = .seconds(30), maxConnections: Int = ServedHTTP.defaultMaxConnections,
        disableAfterFailures: Int = 100,
        disableAfterSpan: Duration = .seconds(24 * 3600), owner: String, metrics: RunnerMetrics = RunnerMetrics(),
        queueMetricsInterval: Duration = .seconds(5),
        extraRoutes: (@Sendable (Router<BasicRequestContext>) -> Void)? = nil
    ) {
        self.extraRoutes = extraRoutes
        self.host = host
        self.port = port
        self.ingestToken = ingestToken
        self.tls = tls
        self.concurrency = concurrency
        self.perHostLimit = perHostLimit
        self.shutdownTimeout = shutdownTimeout
        self.lease = lease
        self.pollInterval = pollInterval
        self.commitTimeout = commitTimeout
        self.idleTimeout = idleTimeout
        self.bodyTimeout = bodyTimeout
        self.maxConnections = maxConnections
        self.disableAfterFailures = disableAfterFailures
        self.disableAfterSpan = disableAfterSpan
        self.owner = owner
        self.metrics = metrics
        self.queueMetricsInterval = queueMetricsInterval
    }

    /// The intake's largest accepted body: 1 MiB.
    public static let maxBodyBytes = 1 << 20
    /// The most events one batch request may carry.
    public static let maxBatchEvents = 1_000
}
