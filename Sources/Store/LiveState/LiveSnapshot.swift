/// Everything live at one serial: the store's identity and its webhooks by name.
public struct LiveSnapshot: Hashable, Sendable {
    /// A UUID fixed when the store was created.
    public var lineage: String
    /// Incremented on every write.
    public var serial: Int64
    public var webhooks: [String: LiveWebhook]

    public init(lineage: String, serial: Int64, webhooks: [String: LiveWebhook]) {
        self.lineage = lineage
        self.serial = serial
        self.webhooks = webhooks
    }
}
