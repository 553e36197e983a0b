import Foundation
import JSON
import Store
import Synchronization

/// Group commit for the intake: the events of requests that arrive while a commit is under way are committed
/// together in the next one, so concurrent requests share one transaction (and one fsync) instead of each
/// waiting for the store's writer in turn. Each request still gets the answers for its own events, and none is
/// answered before the transaction holding its events is durable. The next commit is run by the first request
/// waiting for it, so every commit is run by a request it serves.
final class IntakeCommits: Sendable {
    /// One request's events, with their JSON as parsed at the intake (for webhooks' filters).
    struct Batch: Sendable {
        var events: [AcceptedEvent]
        var parsed: [String: JSONValue]
    }

    private enum Turn: Sendable {
        /// Another request committed this one's events.
        case done(Result<[Enqueued], StoreError>)
        /// This request commits its events and those of the requests that waited with it.
        case lead([Waiting])
    }

    private struct Waiting: Sendable {
        var batch: Batch
        var continuation: CheckedContinuation<Turn, Never>
    }

    private struct State {
        var committing = false
        var waiting: [Waiting] = []
    }

    let queue: any DeliveryQueueStore
    let clock: any WallClock
    private let state = Mutex(State())

    init(queue: any DeliveryQueueStore, clock: any WallClock) {
        self.queue = queue
        self.clock = clock
    }

    /// Commits `batch`'s events, alone or with other requests' events; one answer per event, in order.
    func enqueue(_ batch: Batch) async -> Result<[Enqueued], StoreError> {
        let turn = await withCheckedContinuation { (continuation: CheckedContinuation<Turn, Never>) in
            let leads = state.withLock { state in
                guard state.committing else {
                    state.committing = true
                    return true
                }
                state.waiting.append(Waiting(batch: batch, continuation: continuation))
                return false
            }
            if leads { continuation.resume(returning: .lead([])) }
        }
        switch turn {
        case .done(let result): return result
        case .lead(let others): return await commit(batch, with: others)
        }
    }

    private func commit(_ batch: Batch, with others: [Waiting]) async -> Result<[Enqueued], StoreError> {
        var events = batch.events
        var parsed = batch.parsed
        for other in others {
            events += other.batch.events
            parsed.merge(other.batch.parsed) { first, _ in first }
        }
        let result: Result<[Enqueued], StoreError>
        do throws(StoreError) {
            let answers = try await queue.enqueue(
                events, now: clock.now.date, filter: EventIntake.fanOutFilter(parsed))
            guard answers.count == events.count else {
                throw .backend("the store answered \(answers.count) of \(events.count) events")
            }
            result = .success(answers)
        } catch {
            result = .failure(error)
        }
        // The next commit starts before the answers go out, so the writer is not left idle.
        let next = state.withLock { state -> [Waiting] in
            let next = state.waiting
            state.waiting = []
            if next.isEmpty { state.committing = false }
            return next
        }
        if let first = next.first { first.continuation.resume(returning: .lead(Array(next.dropFirst()))) }
        var offset = batch.events.count
        for other in others {
            let count = other.batch.events.count
            let start = offset
            other.continuation.resume(returning: .done(result.map { Array($0[start..<start + count]) }))
            offset += count
        }
        return result.map { Array($0[0..<batch.events.count]) }
    }
}
