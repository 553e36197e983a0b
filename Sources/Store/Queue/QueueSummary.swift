public import Foundation

/// The queue per webhook, for `hookctl queue` and the runner's metrics.
public struct QueueSummary: Hashable, Sendable {
    /// One webhook's part of the queue.
    public struct Row: Hashable, Sendable {
        public var webhook: String
        /// Pending deliveries, due or not.
        public var pending: Int
        /// Pending deliveries due by `now`.
        public var due: Int
        /// Deliveries leased to a worker right now.
        public var inFlight: Int
        /// When the oldest due delivery became due.
        public var oldestDueAt: Date?
        /// Failed attempts since the last success.
        public var consecutiveFailures: Int
        /// When that run of failures began.
        public var failingSince: Date?

        public init(
            webhook: String, pending: Int = 0, due: Int = 0, inFlight: Int = 0, oldestDueAt: Date? = nil,
            consecutiveFailures: Int = 0, failingSince: Date? = nil
        ) {
            self.webhook = webhook
            self.pending = pending
            self.due = due
            self.inFlight = inFlight
            self.oldestDueAt = oldestDueAt
            self.consecutiveFailures = consecutiveFailures
            self.failingSince = failingSince
        }
    }

    /// Sorted by webhook name.
    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }
}
