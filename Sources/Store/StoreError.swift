/// Why a store operation failed, phrased for the user. Cases can be added without breaking callers.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case lockHeld(LeaseLock)
        case lockLost(String)
        case stale([StaleChange])
        case newerSchema(unknown: [String])
        case wrongKey
        case invalidKey(String)
        case notFound(String)
        case unknownEvent(String)
        case backend(String)
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    /// Another apply holds the lease lock and it has not expired.
    public static func lockHeld(_ lock: LeaseLock) -> StoreError { StoreError(.lockHeld(lock)) }
    /// The lock this apply held expired or was released by someone else.
    public static func lockLost(_ id: String) -> StoreError { StoreError(.lockLost(id)) }
    /// The store moved since the plan was made.
    public static func stale(_ changes: [StaleChange]) -> StoreError { StoreError(.stale(changes)) }
    /// The store was migrated by a newer hookctl.
    public static func newerSchema(unknown: [String]) -> StoreError { StoreError(.newerSchema(unknown: unknown)) }
    /// The store key does not match the key the store was created with.
    public static let wrongKey = StoreError(.wrongKey)
    /// The store key could not be read or has the wrong shape.
    public static func invalidKey(_ reason: String) -> StoreError { StoreError(.invalidKey(reason)) }
    /// No accepted event has that id.
    public static func unknownEvent(_ id: String) -> StoreError { StoreError(.unknownEvent(id)) }
    /// No live webhook has that name.
    public static func notFound(_ name: String) -> StoreError { StoreError(.notFound(name)) }
    /// The database failed; the message is the driver's, which never contains secret values.
    public static func backend(_ message: String) -> StoreError { StoreError(.backend(message)) }

    /// The lock that blocked an apply, when this error is `lockHeld`.
    public var heldLock: LeaseLock? {
        if case .lockHeld(let lock) = kind { return lock }
        return nil
    }

    /// What moved since the plan, when this error is a stale plan.
    public var staleChanges: [StaleChange]? {
        if case .stale(let changes) = kind { return changes }
        return nil
    }

    public var description: String {
        switch kind {
        case .lockHeld(let lock):
            "the store is locked by \(lock.owner) (lock id \(lock.id)) since \(lock.acquiredAt), until \(lock.expiresAt); "
                + "wait for it to finish or expire, or run `hookctl force-unlock \(lock.id)` if that apply is gone"
        case .lockLost(let id):
            "lost the apply lock \(id): it expired or was force-unlocked; nothing was written"
        case .stale(let changes):
            "stale plan: the store changed since the plan was made:\n"
                + changes.map { "  - \($0)" }.joined(separator: "\n")
                + "\nrun `hookctl plan` again"
        case .newerSchema(let unknown):
            "this store was written by a newer hookctl (schema migrations \(unknown.joined(separator: ", ")) are "
                + "unknown to this version); upgrade hookctl to use it"
        case .wrongKey:
            "the store key does not match the key this store was created with; "
                + "check HOOKCTL_STORE_KEY or the key file beside the database"
        case .invalidKey(let reason):
            "invalid store key: \(reason)"
        case .notFound(let name):
            "no live webhook named \"\(name)\""
        case .unknownEvent(let id):
            "no accepted event with id \(id)"
        case .backend(let message):
            "store error: \(message)"
        }
    }
}
