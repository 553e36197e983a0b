public import Foundation

extension InMemoryStore {
    public func extendLeases(
        _ deliveryIDs: [String], owner: String, lease: Duration, now: Date
    ) async throws(StoreError) -> Set<String> {
        state.withLock { state in
            var lost: Set<String> = []
            for id in deliveryIDs {
                guard state.queue.deliveries[id]?.state == .pending, state.queue.leases[id]?.owner == owner else {
                    lost.insert(id)
                    continue
                }
                state.queue.leases[id] = (owner, now.adding(lease))
            }
            return lost
        }
    }
}
