import Delivery
import Foundation
import JSON
import Logging
public import ServiceLifecycle
import Store
import Synchronization
import WebhookModel

/// Claims due deliveries, sends each through the one send path, and finishes them with their attempts, all in
/// one structured task group: bounded concurrency overall and per host, first attempts and retries in separate
/// lanes, finished attempts committed together. Claims and commits are child tasks too (one of each at a time), so
/// the loop keeps starting sends while the store works. On graceful shutdown it stops claiming, lets in-flight sends finish
/// up to the shutdown timeout, and leaves the rest queued.
public struct DeliveryWorkers: Service {
    let queue: any DeliveryQueueStore
    let sender: Sender
    let key: StoreKey
    let clock: any WallClock
    let configuration: RunnerConfiguration
    let logger: Logger
    let wake: WakeSignal
    let random: @Sendable () -> Double
    /// Webhook versions unsealed and events parsed once for all their deliveries.
    let prepared: PreparedDeliveries

    init(
        queue: any DeliveryQueueStore, sender: Sender, key: StoreKey, clock: any WallClock,
        configuration: RunnerConfiguration, logger: Logger, wake: WakeSignal,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.queue = queue
        self.sender = sender
        self.key = key
        self.clock = clock
        self.configuration = configuration
        // Every line of the workers (attempts, outages) names the runner whose leases they are.
        var logger = logger
        logger[metadataKey: "owner"] = "\(configuration.owner)"
        self.logger = logger
        self.wake = wake
        self.random = random
        prepared = PreparedDeliveries(key: key)
    }

    /// What a child task of the loop reports.
    enum Report: Sendable {
        /// A send finished.
        case finished(AttemptResult, host: String, lane: DeliveryLane)
        /// Something may be due: the intake signalled, the next delivery came due, or the poll interval passed.
        case tick
        /// The time a timer was set for passed (a flush, a lease extension, the end of a backoff, the shutdown
        /// deadline).
        case timer(ContinuousClock.Instant)
        /// A claim came back; `failed` when the store could not be asked (what it holds was claimed before);
        /// `leftOut` the hosts whose webhooks it excluded (their reserves were full).
        case claimed([ReadyDelivery], failed: Bool, leftOut: Set<String>)
        /// Finished attempts were committed, all but `unrecorded` (the store could not be reached): those are kept
        /// and committed again once it is back.
        case flushed(unrecorded: [AttemptResult])
        /// The leases on what this runner holds were extended, except `lost` ones (another runner holds them now);
        /// `nil` when the store could not be asked (none was extended).
        case extended(lost: Set<String>?)
    }

    public func run() async throws {
        let stopping = StopFlag()
        await withGracefulShutdownHandler {
            await loop(stopping)
        } onGracefulShutdown: {
            stopping.set()
            wake.signal()
        }
    }

    /// Runs `WorkerLoop`'s steps as child tasks of one group and hands each report back to it, until it stops (or
    /// the service is cancelled); then records what is left.
    private func loop(_ stopping: StopFlag) async {
        await withTaskGroup(of: Report.self) { group in
            var state = WorkerLoop(configuration: configuration, now: .now, storeNow: clock.now.date)
            running: while !Task.isCancelled {
                steps: for step in state.steps(now: .now, storeNow: clock.now.date, stopping: stopping.isSet) {
                    switch await perform(step, in: &group) {
                    case .next: continue steps
                    case .again: continue running
                    case .stop: break running
                    }
                }
                if let report = await group.next() { take(report, into: &state) }
            }
            await windDown(&group, &state)
        }
    }

    /// What the loop does after a step.
    private enum AfterStep { case next, again, stop }

    /// Starts `step` as a child task of `group`, or does it here when it is quick.
    private func perform(_ step: WorkerLoop.Step, in group: inout TaskGroup<Report>) async -> AfterStep {
        switch step {
        case .stopping(let inFlight):
            logger.info("stopping: no new claims; waiting for in-flight sends", metadata: ["in_flight": "\(inFlight)"])
        case .flush(let results):
            group.addTask { .flushed(unrecorded: await finish(results) ? [] : results) }
        case .claim(let limit, let lanes, let excluding, let leftOut):
            group.addTask {
                let (claimed, failed) = await claim(limit: limit, inFlight: lanes, excluding: excluding)
                // Prepared here, beside the loop, so each event is parsed once for all its deliveries.
                return .claimed(prepared.prepare(claimed), failed: failed, leftOut: leftOut)
            }
        case .send(let ready, let host, let lane, let inLane):
            metrics.sendsInFlight(inLane, lane: lane)
            group.addTask { .finished(await deliver(ready), host: host, lane: lane) }
        case .release(let handBacks):
            await finish(handBacks)
            return .again
        case .stop(let cutOff):
            if let cutOff {
                logger.warning(
                    "shutdown timeout reached; the \(cutOff) sends in flight are cut off and handed back to the queue")
            }
            return .stop
        case .tick(let pause):
            group.addTask { await tick(pause: pause) }
        case .held(let held):
            metrics.deliveriesLeased(held, owner: configuration.owner)
        case .extend(let ids):
            group.addTask { .extended(lost: await extend(ids)) }
        case .wake(let instant):
            group.addTask {
                try? await ContinuousClock().sleep(until: instant)
                return .timer(instant)
            }
        }
        return .next
    }

    /// Hands a child task's report to the loop's state, logging and counting what it says.
    private func take(_ report: Report, into state: inout WorkerLoop) {
        switch report {
        case .finished(let result, let host, let lane):
            metrics.sendsInFlight(state.sendFinished(result, host: host, lane: lane, now: .now), lane: lane)
        case .tick:
            state.ticked()
        case .timer(let instant):
            state.timerFired(instant)
        case .claimed(let claimed, let failed, let leftOut):
            let (change, dropped) = state.claimed(
                claimed, failed: failed, leftOut: leftOut, now: .now, storeNow: clock.now.date)
            self.report(change, what: "claim deliveries")
            if dropped > 0 {
                logger.warning(
                    "leases lapsed: this runner claimed again deliveries it still held; the second copies are dropped",
                    metadata: ["dropped": "\(dropped)"])
            }
        case .flushed(let unrecorded):
            self.report(state.flushed(unrecorded: unrecorded, now: .now), what: "record \(unrecorded.count) attempts")
        case .extended(let lost):
            let (claimedAgain, dropped) = state.extended(lost: lost)
            if claimedAgain > 0 {
                logger.warning(
                    "leases lapsed: these deliveries were claimed again once their leases ended (by another runner, or by this one); the waiting ones are dropped here",
                    metadata: ["lost": "\(claimedAgain)", "dropped": "\(dropped)"])
            }
        }
    }

    /// Once the loop stops: sends still in flight are cancelled, which cuts them off at once (their connections
    /// close); each comes back as an attempt with its answer, or, cut off, as a hand-back (`deliver`). All are
    /// recorded together: nothing a receiver answered is lost, and nothing cut off waits for its lease to end.
    private func windDown(_ group: inout TaskGroup<Report>, _ state: inout WorkerLoop) async {
        group.cancelAll()
        while let report = await group.next() {
            switch report {
            case .finished(let result, _, _): state.keep(finished: result)
            // Only when the loop itself was cancelled (the service group's own deadline) do a commit or a
            // claim end here: what they held is recorded or handed back with the rest.
            case .flushed(let unrecorded): state.keep(unrecorded: unrecorded)
            case .claimed(let claimed, _, _): state.handBack(claimed, storeNow: clock.now.date)
            default: break
            }
        }
        let last = state.leftToRecord(storeNow: clock.now.date)
        if !last.isEmpty, !(await finish(last)) {
            logger.warning(
                "\(last.count) finished attempts could not be recorded (the store is away); their deliveries are sent again when their leases end"
            )
        }
        for lane in DeliveryLane.allCases { metrics.sendsInFlight(0, lane: lane) }
        metrics.deliveriesLeased(0, owner: configuration.owner)
    }

    var metrics: RunnerMetrics { configuration.metrics }

    /// Sleeps until the next delivery is due, the poll interval passes, or the intake signals. After a claim that
    /// found nothing, a delivery already due is one that cannot be claimed yet, so it waits at least `pause` (see
    /// `dryPause`) instead of asking again at once.
    private func tick(pause: Duration?) async -> Report {
        let nextDue = (try? await queue.nextDueAt()) ?? nil
        let now = clock.now.date
        let untilDue = nextDue.map { Duration.seconds(max(0, $0.timeIntervalSince(now))) }
        let wait = min(
            configuration.pollInterval, max(untilDue ?? configuration.pollInterval, pause ?? .zero))
        let clock = clock
        let wake = wake
        await withTaskGroup(of: Void.self) { race in
            race.addTask { try? await clock.sleep(for: wait) }
            race.addTask { await wake.wait() }
            await race.next()
            race.cancelAll()
        }
        return .tick
    }

    /// Logs and counts a change of the store's reachability that a claim or commit (`what`) brought.
    private func report(_ change: WorkerLoop.StoreChange, what: String) {
        switch change {
        case .unchanged: break
        case .wentAway:
            metrics.storeReachable(false, for: .workers)
            logger.warning(
                "the store is unreachable: no new claims; sends in flight go on and their attempts are kept until it is back",
                metadata: ["failed": "\(what)"])
        case .cameBack(let lasted, let failedCalls):
            metrics.storeReachable(true, for: .workers)
            logger.info(
                "the store is reachable again; claiming resumes",
                metadata: ["outage_ms": "\(Int(lasted.seconds * 1_000))", "failed_calls": "\(failedCalls)"])
        }
    }

    /// Extends this runner's leases on `ids`; returns those it lost, or `nil` when the store could not be reached
    /// (the next extension, or the commit, tries again: the lease is three times this interval).
    private func extend(_ ids: [String]) async -> Set<String>? {
        do {
            return try await queue.extendLeases(
                ids, owner: configuration.owner, lease: configuration.lease, now: clock.now.date)
        } catch {
            logger.warning("cannot extend the leases of \(ids.count) deliveries: \(error)")
            return nil
        }
    }

    /// Claims up to `limit` deliveries: first attempts may use all of it, retries at most half the concurrency (and
    /// at least one).
    /// `failed` when a claim could not be made (the store is away).
    private func claim(
        limit room: Int, inFlight: [DeliveryLane: Int], excluding: Set<String>
    ) async -> (claimed: [ClaimedDelivery], failed: Bool) {
        guard room > 0 else { return ([], false) }
        let now = clock.now.date
        var claimed: [ClaimedDelivery] = []
        do {
            claimed = try await queue.claim(
                lane: .first, limit: room, owner: configuration.owner, lease: configuration.lease, now: now,
                excluding: excluding)
            // At least one retry at a time, however small the concurrency (with `--concurrency 1` half is none).
            let retryLimit = max(1, configuration.concurrency / 2)
            let retryRoom = min(room - claimed.count, retryLimit - inFlight[.retry, default: 0])
            if retryRoom > 0 {
                claimed += try await queue.claim(
                    lane: .retry, limit: retryRoom, owner: configuration.owner, lease: configuration.lease, now: now,
                    excluding: excluding)
            }
        } catch {
            logger.error("cannot claim deliveries: \(error)")
            return (claimed, true)
        }
        return (claimed, false)
    }

    /// Sends one claimed delivery and judges the attempt.
    func deliver(_ ready: ReadyDelivery) async -> AttemptResult {
        let claimed = ready.claimed
        let delivery = claimed.delivery
        let attempt = delivery.attemptsMade + 1
        let webhook: Webhook
        let event: JSONValue
        switch ready.preparation {
        case .end(let reason): return ended(claimed, reason: reason)
        case .send(let prepared, let parsed):
            webhook = prepared
            event = parsed
        }
        let started = ContinuousClock.now
        let result = await sender.attempt(
            DeliveryRequest(
                webhook: webhook, event: event, eventID: claimed.event.id, trigger: delivery.trigger,
                attempt: attempt))
        metrics.attemptTook(ContinuousClock.now - started, webhook: webhook.name)
        if Task.isCancelled, result.invocation.status != .success {
            // Cut off at the shutdown deadline: handed back, due now, no attempt counted (the receiver may have
            // had it: at least once).
            logger.info(
                "send cut off by shutdown; handed back",
                metadata: ["webhook": "\(webhook.name)", "delivery": "\(delivery.id)", "attempt": "\(attempt)"])
            return .handBack(delivery.id, at: clock.now.date)
        }
        let verdict = RetryRules.verdict(
            policy: webhook.retry, attempt: attempt, result: result, now: clock.now.date, jitter: random())
        let invocation = result.invocation
        logger.info(
            "attempt",
            metadata: [
                "webhook": "\(webhook.name)", "event": "\(claimed.event.id)", "delivery": "\(delivery.id)",
                "attempt": "\(attempt)", "status": "\(invocation.status.rawValue)",
                "http_status": "\(invocation.response.map { String($0.status) } ?? "-")",
                "duration_ms": "\(invocation.durationMilliseconds)",
                "outcome": "\(Self.describe(verdict.outcome))",
            ])
        return AttemptResult(
            deliveryID: delivery.id, invocation: invocation, outcome: verdict.outcome,
            disableWebhook: verdict.disableWebhook, failureRunLimit: failureRunLimit)
    }

    /// A delivery that ends without a send, recorded as a Failure attempt so history shows why.
    private func ended(_ claimed: ClaimedDelivery, reason: String) -> AttemptResult {
        let webhook = claimed.webhook.webhook
        let invocation = Invocation(
            id: Invocation.newID(), webhook: webhook.name, eventID: claimed.event.id,
            trigger: claimed.delivery.trigger, attempt: claimed.delivery.attemptsMade + 1, startedAt: clock.now.date,
            durationMilliseconds: 0, address: nil, status: .failure, failureReason: reason,
            request: InvocationRequest(method: webhook.method.rawValue, url: webhook.url, headers: [], body: []),
            response: nil)
        logger.info(
            "delivery ended",
            metadata: ["webhook": "\(webhook.name)", "delivery": "\(claimed.delivery.id)", "reason": "\(reason)"])
        return AttemptResult(
            deliveryID: claimed.delivery.id, invocation: invocation, outcome: .failed(reason: reason), wasSent: false)
    }

    /// The run of failures that disables a webhook.
    var failureRunLimit: FailureRunLimit {
        FailureRunLimit(failures: configuration.disableAfterFailures, span: configuration.disableAfterSpan)
    }

    /// Commits finished attempts together (one transaction for many workers' results); false when they could not be
    /// recorded (the caller keeps them and tries again).
    @discardableResult
    private func finish(_ results: [AttemptResult]) async -> Bool {
        do {
            let disabled = try await queue.finish(results, owner: configuration.owner, now: clock.now.date)
            // By index, with the outcome copied out first: Swift 6.3.1's optimizer crashes (CopyPropagation,
            // "Found outside of lifetime use") on the `for result in results` form of this loop in release builds.
            for index in results.indices {
                let outcome = Self.metricOutcome(results[index].outcome)
                guard let webhook = results[index].invocation?.webhook else { continue }
                metrics.attemptFinished(webhook: webhook, outcome: outcome)
            }
            for (webhook, reason) in disabled.sorted(by: { $0.key < $1.key }) {
                logger.warning(
                    "webhook disabled; enable it again with hookctl enable, or apply",
                    metadata: ["webhook": "\(webhook)", "reason": "\(reason)"])
            }
            return true
        } catch {
            logger.error(
                "cannot record \(results.count) attempts yet; they are kept and recorded when the store answers: \(error)"
            )
            return false
        }
    }

    /// Counted once the attempt is recorded, as `hookctl_delivery_attempts_total{outcome}`.
    static func metricOutcome(_ outcome: AttemptResult.Outcome) -> RunnerMetrics.Outcome {
        switch outcome {
        case .delivered: .delivered
        case .retry: .retrying
        case .failed: .failed
        }
    }

    static func describe(_ outcome: AttemptResult.Outcome) -> String {
        switch outcome {
        case .delivered: "delivered"
        case .retry(let at): "retry at \(ISO8601DateFormatter().string(from: at))"
        case .failed(let reason): "failed: \(reason)"
        }
    }
}

/// Set once, read from anywhere.
final class StopFlag: Sendable {
    private let flag = Mutex(false)
    func set() { flag.withLock { $0 = true } }
    var isSet: Bool { flag.withLock { $0 } }
}
