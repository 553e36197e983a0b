public import ServiceLifecycle
public import Store

/// An open store: every seam it serves, the key that seals its secrets, and where it is.
public struct OpenedStore: Sendable {
    public let url: StoreURL
    public let store: any StoreBackend
    public let key: StoreKey
    /// What a long-running process (the runner) runs in its `ServiceGroup` so the store keeps its connections for
    /// its lifetime (PostgreSQL's pool); `nil` when the store needs none (SQLite). Without it, each call connects.
    public let service: (any Service)?

    public init(url: StoreURL, store: any StoreBackend, key: StoreKey, service: (any Service)? = nil) {
        self.url = url
        self.store = store
        self.key = key
        self.service = service
    }
}
