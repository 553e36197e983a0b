import Runner

/// What `hookctl run` serves and how it sends.
public struct RunOptions: Sendable {
    /// `HOST:PORT` for the intake (`--listen`, default `127.0.0.1:8080`).
    public var listen: String = "127.0.0.1:8080"
    public var store: String?
    public var allowTargets = AllowTargets()
    public var caFile: String?
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// Serve plain HTTP on a non-loopback address (the intake carries bearer tokens).
    public var insecureHTTP = false
    public var shutdownTimeout: String?
    public var concurrency = 256
    /// A run of this many consecutive failures (`--disable-after`, default 100)…
    public var disableAfterFailures = 100
    /// …spanning at least this long (`--disable-span`, default `24h`) disables the webhook.
    public var disableSpan: String?
    public var perHostLimit = 32
    /// The most intake connections open at once (`--max-connections`, default 1,024); more wait to be accepted.
    public var maxConnections = ServedHTTP.defaultMaxConnections
    /// How long a claimed delivery stays leased to this runner (`--lease`, default `5m`); a runner that dies
    /// leaves its deliveries to be claimed again after this.
    public var lease: String?
    /// How often the workers look for due deliveries when nothing wakes them (`--poll-interval`, default `1s`).
    public var pollInterval: String?
    /// How long a host's checked addresses are reused (`--resolve-ttl`, default `60s`).
    public var resolveTTL: String?
    /// Serve the console on the intake's listener (`--no-console` turns it off).
    public var console = true
    public var currentDirectory: String?

    public init() {}
}

extension RunOptions: StoreOptions {}
