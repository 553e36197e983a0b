public import Delivery

/// Where the local receiver listens and how it answers.
public struct LocalReceiverConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The status of every answer to a request that is not refused for its signature.
    public var status: Int
    /// With one, a request whose Standard Webhooks signature does not verify is answered 401.
    public var verifier: StandardWebhookVerifier?
    /// The largest body read; a larger one is answered 413.
    public var maxBodyBytes: Int = 1 << 20

    public init(host: String, port: Int, status: Int, verifier: StandardWebhookVerifier?) {
        self.host = host
        self.port = port
        self.status = status
        self.verifier = verifier
    }
}
