/// How large the connection pools of a `PooledHTTPTransport` may grow, and how long an unused connection stays.
public struct PoolLimits: Hashable, Sendable {
    /// Open (or opening) connections per scheme, host, port and checked address.
    public var connectionsPerKey: Int
    /// Requests that may wait for a connection per key once all are busy; beyond that a send fails at once.
    public var waitersPerKey: Int
    /// How long an idle keep-alive connection is kept before it is closed.
    public var idleTimeout: Duration

    public init(connectionsPerKey: Int = 32, waitersPerKey: Int = 1024, idleTimeout: Duration = .seconds(30)) {
        self.connectionsPerKey = max(1, connectionsPerKey)
        self.waitersPerKey = max(0, waitersPerKey)
        self.idleTimeout = idleTimeout
    }
}
