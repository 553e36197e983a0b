/// What `hookctl run` serves and how it sends.
public struct RunOptions: Sendable {
    /// `HOST:PORT` for the intake (`--listen`, default `127.0.0.1:8080`).
    public var listen: String
    public var store: String?
    public var allowTargets: AllowTargets
    public var caFile: String?
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// Serve plain HTTP on a non-loopback address (the intake carries bearer tokens).
    public var insecureHTTP: Bool
    public var shutdownTimeout: String?
    public var concurrency: Int
    public var perHostLimit: Int
    /// How long a host's checked addresses are reused (`--resolve-ttl`, default `60s`).
    public var resolveTTL: String?
    public var currentDirectory: String?

    public init(
        listen: String = "127.0.0.1:8080", store: String? = nil, allowTargets: AllowTargets = AllowTargets(),
        caFile: String? = nil, tlsCertificate: String? = nil, tlsKey: String? = nil, insecureHTTP: Bool = false,
        shutdownTimeout: String? = nil, concurrency: Int = 256, perHostLimit: Int = 32, resolveTTL: String? = nil,
        currentDirectory: String? = nil
    ) {
        self.listen = listen
        self.store = store
        self.allowTargets = allowTargets
        self.caFile = caFile
        self.tlsCertificate = tlsCertificate
        self.tlsKey = tlsKey
        self.insecureHTTP = insecureHTTP
        self.shutdownTimeout = shutdownTimeout
        self.concurrency = concurrency
        self.perHostLimit = perHostLimit
        self.resolveTTL = resolveTTL
        self.currentDirectory = currentDirectory
    }
}

extension RunOptions: StoreOptions {}
