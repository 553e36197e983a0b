import WebhookModel

/// What a pooled connection is for: one scheme, host name, port and checked address. A connection is only ever
/// reused for the same key, so it never carries a request to an address the guard did not pass for that host.
struct PoolKey: Hashable, Sendable {
    var scheme: String
    var host: String
    var port: Int
    var address: IPAddress

    init(_ target: CheckedTarget) {
        scheme = target.url.scheme
        host = target.url.host
        port = target.url.effectivePort
        address = target.address
    }

    var isTLS: Bool { scheme == "https" }
}
