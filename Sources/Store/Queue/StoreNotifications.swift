/// A store that announces changes to the runners that share it (PostgreSQL's `LISTEN/NOTIFY`), so they wake at
/// once instead of at their next poll. Polling stays the fallback: a notification lost with a connection is caught
/// up by the next poll.
public protocol StoreNotifications: Sendable {
    /// Listens until cancelled (then returns), calling `listening` once the store listens and `heard` for every
    /// notification; throws when the connection is lost or cannot be made (the caller listens again).
    func listen(
        listening: @escaping @Sendable () -> Void, heard: @escaping @Sendable (StoreNotification) -> Void
    ) async throws(StoreError)
}

/// What a store announced.
public enum StoreNotification: String, Sendable, CaseIterable {
    /// New events were queued (or a delivery was queued again).
    case events
    /// Configuration was applied, or a webhook enabled or disabled.
    case configuration
}
