public import Foundation

/// A webhook as it is in the store, with ownership and versioning.
public struct LiveWebhook: Hashable, Sendable, Codable {
    public var state: StoredWebhook
    /// The set id of the `webhooks.d` that manages it; `nil` when no hookctl set owns it.
    public var managedBy: String?
    /// Incremented on every write to this webhook.
    public var version: Int64
    public var createdAt: Date
    public var updatedAt: Date
    /// Fields changed outside an apply (e.g. `active` by `hookctl disable`); cleared by the next apply.
    public var driftedFields: Set<String>
    /// Why the runner disabled it (a 410 Gone, a long run of failures), while it stays disabled; cleared by
    /// `hookctl enable`, `disable` or the next apply that writes it.
    public var disabledReason: String?

    public init(
        state: StoredWebhook, managedBy: String?, version: Int64, createdAt: Date, updatedAt: Date,
        driftedFields: Set<String> = [], disabledReason: String? = nil
    ) {
        self.state = state
        self.managedBy = managedBy
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.driftedFields = driftedFields
        self.disabledReason = disabledReason
    }

    public var name: String { state.name }
}
