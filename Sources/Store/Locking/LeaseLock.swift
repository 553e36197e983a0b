public import Foundation

/// The apply lock: held by one owner until released or until it expires, so a killed job never leaves it stuck.
public struct LeaseLock: Hashable, Sendable, Codable {
    /// A random id, named by `hookctl force-unlock`.
    public var id: String
    /// Who holds it: `user@host pid N`.
    public var owner: String
    public var acquiredAt: Date
    public var expiresAt: Date

    public init(id: String, owner: String, acquiredAt: Date, expiresAt: Date) {
        self.id = id
        self.owner = owner
        self.acquiredAt = acquiredAt
        self.expiresAt = expiresAt
    }

    /// Whether the lease still holds at `now`.
    public func isLive(at now: Date) -> Bool { expiresAt > now }
}
