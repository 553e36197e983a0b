import Foundation
import JSON
import ServiceLifecycle
import Store
import Synchronization

/// Group commit for the intake, a service of the runner's group: the events of requests that arrive while a commit
/// is under way are committed together in the next one, so concurrent requests share one transaction (and one
/// fsync) instead of each waiting for the store's writer in turn. Each request still gets the answers for its own
/// events, and none is answered before the transaction holding its events is durable.
///
/// Commits run in the service's own task, never in a request's: a request that stops waiting (its time is up, or
/// its connection went) cancels nothing. One that gave up before its events were taken into a commit is dropped
/// (nothing of it is written); one whose events are being committed is answered at once, and its events still
/// commit (a retry of it is then a duplicate). Outside a runner (`hookctl emit`), where nothing serves the group
/// commit, a request commits its own events.
final class IntakeCommits: Service, Sendable {
    /// One request's events, with their JSON as parsed at the intake (for webhooks' filters).
    struct Batch: Sendable {
        var events: [AcceptedEvent]
        var parsed: [String: JSONValue]
    }

    /// A request's answer: its events' results, or `nil` when it stopped waiting.
    typealias Answer = Result<[Enqueued], StoreError>?

    private struct Waiting: Sendable {
        var batch: Batch
        var continuation: CheckedContinuation<Answer, Never>
    }

    private struct State {
        var serving = false
        var stopping = false
        var nextID = 0
        /// Requests waiting for a commit, by id, and their order of arrival.
        var waiting: [Int: Waiting] = [:]
        var order: [Int] = []
        /// Requests whose events the commit under way holds and who still wait for its answer.
        var committing: [Int: Waiting] = [:]
        /// The service's loop, waiting for requests.
        var idle: CheckedContinuation<Void, Never>?
    }

    /// The most events one commit takes (a request's events are never split); more wait for the next.
    static let eventBudget = 10_000

    let queue: any DeliveryQueueStore
    let clock: any WallClock
    private let state = Mutex(State())

    init(queue: any DeliveryQueueStore, clock: any WallClock) {
        self.queue = queue
        self.clock = clock
    }

    /// Commits requests' events together until graceful shutdown; what is waiting then is committed first.
    func run() async {
        state.withLock { $0.serving = true }
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                while let taken = await next() { await commit(taken) }
            } onCancel: {
                stop()
            }
        } onGracefulShutdown: {
            self.stop()
        }
        // Cancelled with requests still waiting: they are answered, and nothing of theirs is written.
        let left = state.withLock { state -> [Waiting] in
            state.serving = false
            defer {
                state.waiting = [:]
                state.order = []
            }
            return Array(state.waiting.values)
        }
        for request in left { request.continuation.resume(returning: .failure(.backend("the runner is stopping"))) }
    }

    /// Whether the service runs (requests wait for its commits) — else each request commits its own events.
    var isServing: Bool { state.withLock { $0.serving && !$0.stopping } }

    /// Commits `batch`'s events, alone or with other requests' events; one answer per event, in order, or `nil`
    /// when `timeout` passed first (or the request was cancelled).
    func enqueue(_ batch: Batch, timeout: Duration) async -> Answer {
        guard isServing else { return await commitAlone(batch) }
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskGroup(of: Answer?.self) { group in
            group.addTask { await self.wait(id, batch) }
            group.addTask {
                try? await ContinuousClock().sleep(for: timeout)
                self.giveUp(id)
                return .some(nil)
            }
            var answer: Answer = nil
            // The first child to end has the answer: the commit's, or `nil` once the time is up.
            if let first = await group.next() { answer = first ?? nil }
            group.cancelAll()
            return answer
        }
    }

    /// Waits for the answer to request `id`; a cancelled request gives up.
    private func wait(_ id: Int, _ batch: Batch) async -> Answer? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Answer, Never>) in
                // Cancelled before it could wait (its giving up found nothing to take back): answered at once.
                if Task.isCancelled { return continuation.resume(returning: nil) }
                let (idle, stopped) = state.withLock { state -> (CheckedContinuation<Void, Never>?, Bool) in
                    guard state.serving, !state.stopping else { return (nil, true) }
                    state.waiting[id] = Waiting(batch: batch, continuation: continuation)
                    state.order.append(id)
                    defer { state.idle = nil }
                    return (state.idle, false)
                }
                if stopped { continuation.resume(returning: .failure(.backend("the runner is stopping"))) }
                idle?.resume()
            }
        } onCancel: {
            giveUp(id)
        }
    }

    /// Request `id` stops waiting: answered `nil` at once. Not yet taken, its events are dropped; taken, they still
    /// commit.
    private func giveUp(_ id: Int) {
        let request = state.withLock { state -> Waiting? in
            if let request = state.waiting.removeValue(forKey: id) {
                state.order.removeAll { $0 == id }
                return request
            }
            return state.committing.removeValue(forKey: id)
        }
        request?.continuation.resume(returning: nil)
    }

    /// The requests of the next commit, oldest first, up to `eventBudget` events (at least one request); `nil` once
    /// stopping with none left.
    private func next() async -> [(id: Int, batch: Batch)]? {
        while true {
            let taken = state.withLock { state -> [(id: Int, batch: Batch)]? in
                var taken: [(id: Int, batch: Batch)] = []
                var events = 0
                while let id = state.order.first, let request = state.waiting[id],
                    taken.isEmpty || events + request.batch.events.count <= Self.eventBudget
                {
                    state.order.removeFirst()
                    state.waiting[id] = nil
                    state.committing[id] = request
                    taken.append((id, request.batch))
                    events += request.batch.events.count
                }
                if taken.isEmpty, state.stopping { return nil }
                return taken
            }
            guard let taken else { return nil }
            if !taken.isEmpty { return taken }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    guard state.order.isEmpty, !state.stopping else { return true }
                    state.idle = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
    }

    private func stop() {
        let idle = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.stopping = true
            defer { state.idle = nil }
            return state.idle
        }
        idle?.resume()
    }

    /// Commits the taken requests' events in one transaction and answers those still waiting.
    private func commit(_ taken: [(id: Int, batch: Batch)]) async {
        let result = await Self.enqueue(taken.map(\.batch), into: queue, now: clock.now.date)
        var offset = 0
        for (id, batch) in taken {
            let count = batch.events.count
            let start = offset
            offset += count
            let request = state.withLock { $0.committing.removeValue(forKey: id) }
            request?.continuation.resume(returning: result.map { Array($0[start..<start + count]) })
        }
    }

    /// A request committing its own events, with nothing serving the group commit.
    private func commitAlone(_ batch: Batch) async -> Answer {
        await Self.enqueue([batch], into: queue, now: clock.now.date)
    }

    /// One transaction for `batches`' events; their answers in order.
    private static func enqueue(
        _ batches: [Batch], into queue: any DeliveryQueueStore, now: Date
    ) async -> Result<[Enqueued], StoreError> {
        var events: [AcceptedEvent] = []
        var parsed: [String: JSONValue] = [:]
        for batch in batches {
            events += batch.events
            parsed.merge(batch.parsed) { first, _ in first }
        }
        do throws(StoreError) {
            let answers = try await queue.enqueue(events, now: now, filter: EventIntake.fanOutFilter(parsed))
            guard answers.count == events.count else {
                throw .backend("the store answered \(answers.count) of \(events.count) events")
            }
            return .success(answers)
        } catch {
            return .failure(error)
        }
    }
}
