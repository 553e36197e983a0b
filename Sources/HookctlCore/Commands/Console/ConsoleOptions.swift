/// What `hookctl console` serves: the console alone, against a store, for teams whose runners run elsewhere.
public struct ConsoleOptions: Sendable {
    /// `HOST:PORT` (`--listen`, default `127.0.0.1:8090`).
    public var listen = "127.0.0.1:8090"
    public var store: String?
    /// Targets Test may send to past the address guard, and extra trusted CAs, as for `hookctl test`.
    public var allowTargets = AllowTargets()
    public var caFile: String?
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// Serve plain HTTP on a non-loopback address (the console carries its token and session cookies).
    public var insecureHTTP = false
    public var currentDirectory: String?

    public init() {}
}

extension ConsoleOptions: StoreOptions {}
