/// The changes that make the live webhooks match `webhooks.d`, and the store state they were planned against.
public struct Plan: Hashable, Sendable, Codable {
    /// The version of the plan file and of `--format json` output.
    public static let formatVersion = 1

    /// The managed-by marker of the declarations.
    public var setID: String
    public var lineage: String
    public var serial: Int64
    /// SHA-256 over the desired state (fingerprints, never values).
    public var declarationsDigest: String
    /// Sorted by name.
    public var changes: [PlannedChange]
    /// Live webhooks this set does not manage and leaves alone, with their owner (`nil`: unmanaged).
    public var unmanaged: [UnmanagedWebhook]

    public init(
        setID: String, lineage: String, serial: Int64, declarationsDigest: String, changes: [PlannedChange],
        unmanaged: [UnmanagedWebhook]
    ) {
        self.setID = setID
        self.lineage = lineage
        self.serial = serial
        self.declarationsDigest = declarationsDigest
        self.changes = changes
        self.unmanaged = unmanaged
    }

    public var toAdd: Int { changes.count { $0.action == .create } }
    public var toChange: Int { changes.count { $0.action == .update } }
    public var toDelete: Int { changes.count { $0.action == .delete } }
    public var hasChanges: Bool { !changes.isEmpty }

    /// `Plan: 1 to add, 2 to change, 0 to delete.`
    public var summary: String {
        hasChanges
            ? "Plan: \(toAdd) to add, \(toChange) to change, \(toDelete) to delete."
            : "No changes. Live webhooks match webhooks.d."
    }
}

/// A live webhook outside this set.
public struct UnmanagedWebhook: Hashable, Sendable, Codable {
    public var name: String
    /// The set that manages it, or `nil` when nothing does.
    public var managedBy: String?

    public init(name: String, managedBy: String?) {
        self.name = name
        self.managedBy = managedBy
    }
}
