public import Foundation

extension InMemoryStore: InvocationHistoryStore {
    public func record(_ invocation: Invocation) async throws(StoreError) {
        state.withLock { state in
            state.invocations.removeAll { $0.id == invocation.id }
            state.invocations.append(invocation)
        }
    }

    public func invocations(_ query: InvocationQuery) async throws(StoreError) -> [Invocation] {
        state.withLock { state in
            Array(
                state.invocations
                    .sorted(by: Self.newestFirst)
                    .filter(query.matches)
                    .prefix(max(0, query.limit)))
        }
    }

    public func invocationSummaries(since: Date) async throws(StoreError) -> [String: InvocationSummary] {
        state.withLock { state in
            var summaries: [String: InvocationSummary] = [:]
            for invocation in state.invocations.sorted(by: Self.newestFirst) {
                var summary =
                    summaries[invocation.webhook]
                    ?? InvocationSummary(
                        webhook: invocation.webhook, lastStartedAt: invocation.startedAt, lastStatus: invocation.status)
                if invocation.startedAt >= since {
                    switch invocation.status {
                    case .success: summary.successes += 1
                    case .failure: summary.failures += 1
                    }
                }
                summaries[invocation.webhook] = summary
            }
            return summaries
        }
    }

    public func invocation(id: String) async throws(StoreError) -> Invocation? {
        state.withLock { $0.invocations.first { $0.id == id } }
    }

    @discardableResult
    public func pruneInvocations(before cutoff: Date, limit: Int) async throws(StoreError) -> Int {
        state.withLock { state in
            let old = state.invocations.enumerated()
                .filter { $0.element.startedAt < cutoff }
                .sorted { $0.element.startedAt < $1.element.startedAt }
                .prefix(max(0, limit))
                .map(\.offset)
            for index in old.sorted(by: >) { state.invocations.remove(at: index) }
            return old.count
        }
    }

    /// The order every store lists history in: startedAt descending, then id descending.
    private static func newestFirst(_ a: Invocation, _ b: Invocation) -> Bool {
        (a.startedAt, a.id) > (b.startedAt, b.id)
    }
}
