public import Foundation
import WebhookModel

/// The invocation history, written by the sender's callers and read by `hookctl history`.
public protocol InvocationHistoryStore: Sendable {
    /// Stores one attempt (already redacted).
    func record(_ invocation: Invocation) async throws(StoreError)

    /// Matching invocations in (startedAt desc, id desc) order, at most `query.limit`.
    func invocations(_ query: InvocationQuery) async throws(StoreError) -> [Invocation]

    /// Per webhook that has history (keyed by name): its newest invocation, and its successes and failures started
    /// at or after `since`. Answers from a rollup, not a scan of the invocations.
    func invocationSummaries(since: Date) async throws(StoreError) -> [String: InvocationSummary]

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
