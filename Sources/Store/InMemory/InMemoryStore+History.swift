public import Foundation

extension InMemoryStore: InvocationHistoryStore {
    public func record(_ invocation: Invocation) async throws(StoreError) {
        state.withLock { $0.invocations.append(invocation) }
    }

    public func invocations(_ query: InvocationQuery) async throws(StoreError) -> [Invocation] {
        state.withLock { state in
            Array(
                state.invocations.enumerated()
                    .sorted { ($0.element.startedAt, $0.offset) > ($1.element.startedAt, $1.offset) }
                    .map(\.element)
                    .filter(query.matches)
                    .prefix(max(0, query.limit)))
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
}
