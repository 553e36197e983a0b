/// What apply will do to one webhook.
public struct PlannedChange: Hashable, Sendable, Codable {
    /// Terraform's vocabulary: `+` create, `~` update in place, `-` delete.
    public enum Action: String, Hashable, Sendable, Codable {
        case create, update, delete

        public var symbol: String {
            switch self {
            case .create: "+"
            case .update: "~"
            case .delete: "-"
            }
        }
    }

    public var action: Action
    public var name: String
    /// Changes that come from `webhooks.d` (for a create: every field).
    public var fields: [FieldChange]
    /// Changes that revert edits made outside hookctl (drift).
    public var drift: [FieldChange]
    /// The webhook is live but not managed by any set; apply takes it over.
    public var adopt: Bool
    /// The live version when planned; `nil` for a create. Apply refuses if it moved.
    public var liveVersion: Int64?
    /// The desired state written by a create or update.
    public var desired: DesiredWebhook?

    public init(
        action: Action, name: String, fields: [FieldChange] = [], drift: [FieldChange] = [], adopt: Bool = false,
        liveVersion: Int64? = nil, desired: DesiredWebhook? = nil
    ) {
        self.action = action
        self.name = name
        self.fields = fields
        self.drift = drift
        self.adopt = adopt
        self.liveVersion = liveVersion
        self.desired = desired
    }
}
