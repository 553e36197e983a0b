public import Store

/// An open store: every seam it serves, the key that seals its secrets, and where it is.
public struct OpenedStore: Sendable {
    public let url: StoreURL
    public let store: any StoreBackend
    public let key: StoreKey

    public init(url: StoreURL, store: any StoreBackend, key: StoreKey) {
        self.url = url
        self.store = store
        self.key = key
    }
}
