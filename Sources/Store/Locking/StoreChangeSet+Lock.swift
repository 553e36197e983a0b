public import Foundation
import WebhookModel

extension StoreChangeSet {
    /// Throws `lockLost` when the change set names a lock that is no longer held and live at `now`.
    public func checkLock(_ current: LeaseLock?, now: Date) throws(StoreError) {
        guard let lockID else { return }
        guard let current, current.id == lockID, current.isLive(at: now) else { throw .lockLost(lockID) }
    }
}

extension Date {
    /// This date moved by a `Duration`.
    public func adding(_ duration: Duration) -> Date {
        addingTimeInterval(duration.seconds)
    }
}
