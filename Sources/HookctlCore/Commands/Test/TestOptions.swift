public import WebhookModel

/// What `hookctl test` sends: a declared webhook, over a trigger's sample event or an event file.
public struct TestOptions: Sendable {
    public var name: String
    public var trigger: Trigger?
    public var event: String?
    /// Where the declarations are (default: `webhooks.d`).
    public var paths: [String]
    /// The store to record the attempt in, when it exists (`--store`, `HOOKCTL_STORE`, `.hookctl/state.db`).
    public var store: String?
    public var allowTargets: AllowTargets
    /// A PEM file of extra trusted CAs (`--ca-file`, else `HOOKCTL_CA_FILE`).
    public var caFile: String?
    /// How long recorded history is kept (`--retention`, default `30d`); older attempts are pruned on write.
    public var retention: String?
    public var currentDirectory: String?

    public init(
        name: String, trigger: Trigger? = nil, event: String? = nil, paths: [String] = [], store: String? = nil,
        allowTargets: AllowTargets = AllowTargets(), caFile: String? = nil, retention: String? = nil,
        currentDirectory: String? = nil
    ) {
        self.name = name
        self.trigger = trigger
        self.event = event
        self.paths = paths
        self.store = store
        self.allowTargets = allowTargets
        self.caFile = caFile
        self.retention = retention
        self.currentDirectory = currentDirectory
    }
}
