/// What the intake answers for one accepted event: its id, its deliveries, and whether it was accepted before.
public struct Enqueued: Hashable, Sendable {
    public var eventID: String
    public var deliveryIDs: [String]
    /// The idempotency key was accepted before; these are that first acceptance's ids and nothing new was queued.
    public var duplicate: Bool
    /// The active subscribers whose filter the event did not pass, by name (sorted): no delivery was queued for
    /// them. Empty for a duplicate.
    public var filteredOut: [String]

    public init(eventID: String, deliveryIDs: [String], duplicate: Bool, filteredOut: [String] = []) {
        self.eventID = eventID
        self.deliveryIDs = deliveryIDs
        self.duplicate = duplicate
        self.filteredOut = filteredOut
    }
}
