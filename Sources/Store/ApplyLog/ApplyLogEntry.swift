public import Foundation

/// One past apply: when, who, which plan and what it did.
public struct ApplyLogEntry: Hashable, Sendable, Codable {
    public var appliedAt: Date
    /// `$USER`, or the CI actor (`GITHUB_ACTOR`) when set.
    public var actor: String
    /// SHA-256 of the plan that was applied.
    public var planDigest: String
    public var added: Int
    public var changed: Int
    public var deleted: Int
    /// The store's serial after the apply.
    public var serial: Int64

    public init(
        appliedAt: Date = Date(timeIntervalSince1970: 0), actor: String, planDigest: String, added: Int, changed: Int,
        deleted: Int, serial: Int64 = 0
    ) {
        self.appliedAt = appliedAt
        self.actor = actor
        self.planDigest = planDigest
        self.added = added
        self.changed = changed
        self.deleted = deleted
        self.serial = serial
    }
}
