public import Foundation
import WebhookModel

/// The invocation history, written by the sender's callers and read by `hookctl history`.
public protocol InvocationHistoryStore: Sendable {
    /// Stores one attempt (already redacted).
    func record(_ invocation: Invocation) async throws(StoreError)

    /// Matching invocations, newest first, at most `query.limit`.
    func invocations(_ query: InvocationQuery) async throws(StoreError) -> [Invocation]

    /// One invocation by id, or `nil`.
    func invocation(id: String) async throws(StoreError) -> Invocation?

    /// Deletes at most `limit` invocations started before `cutoff`, oldest first; returns how many went.
    @discardableResult
    func pruneInvocations(before cutoff: Date, limit: Int) async throws(StoreError) -> Int
}

extension InvocationHistoryStore {
    /// Records `invocation`, then prunes a bounded batch of invocations older than `retention` (incremental pruning:
    /// each write removes a little, so no single write is slow).
    public func record(
        _ invocation: Invocation, retention: Duration, now: Date, pruneBatch: Int = 100
    )
        async throws(StoreError)
    {
        try await record(invocation)
        try await pruneInvocations(before: now.addingTimeInterval(-retention.seconds), limit: pruneBatch)
    }
}
