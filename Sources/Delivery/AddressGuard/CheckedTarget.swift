public import WebhookModel

/// A URL the address guard accepted, and the one address the connection must go to.
public struct CheckedTarget: Hashable, Sendable {
    public var url: TargetURL
    /// The checked address; the sender connects here and never resolves the host again.
    public var address: IPAddress
    /// Whether `--allow-target` exempted this host and port from the rules.
    public var isAllowListed: Bool

    public init(url: TargetURL, address: IPAddress, isAllowListed: Bool) {
        self.url = url
        self.address = address
        self.isAllowListed = isAllowListed
    }
}
