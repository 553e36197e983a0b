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

    /// Finished attempts wait at most this long, or until this many gather, before they are committed together.
    static let flushDelay: Duration = .milliseconds(5)
    static let flushBatch = 256
    /// The most attempts one commit takes; more wait for the next.
    static let commitLimit = 1_024
    /// The least a tick waits after a claim that found nothing; it doubles with each further empty claim, up to the
    /// poll interval, so deliveries due but not claimable (an ordered line held back, a saturated host's backlog)
    /// cost a claim now and then, not twenty a second for as long as they wait.
    static let dryPause: Duration = .milliseconds(50)

    public func run() async throws {
        let stopping = StopFlag()
        await withGracefulShutdownHandler {
            await loop(stopping)
        } onGracefulShutdown: {
            stopping.set()
            wake.signal()
        }
    }

    private func loop(_ stopping: StopFlag) async {
        await withTaskGroup(of: Report.self) { group in
            var inFlight: [DeliveryLane: Int] = [.first: 0, .retry: 0]
            var perHost: [String: Int] = [:]
            // Which host each webhook sends to, learned from its claims: a host at its limit with its reserve
            // waiting excludes its webhooks from the next claims, so its backlog cannot crowd out other receivers.
            var hostOf: [String: String] = [:]
            // The host of each webhook URL seen, so a URL is parsed once, not once per claimed delivery.
            var hostOfURL: [String: String] = [:]
            var waiting = WaitingDeliveries()
            var finished: [AttemptResult] = []
            var flushBy: ContinuousClock.Instant?
            var ticking = false
            // Whether the last claim found nothing: then a delivery that is due but was not claimed (waiting in an
            // ordered line, or for a saturated host) must not make the next tick return at once.
            var dry = false
            var dryPause = Self.dryPause
            // Whether something may be due that was not claimed yet: at start, after a tick, and while claims
            // come back non-empty. Claims wait until a batch's worth of room is free, unless something may be due
            // and less than a batch is waiting to be sent (claiming one delivery per finished send, behind a host
            // at its limit, cost a write transaction per delivery).
            var hungry = true
            let batch = max(1, configuration.concurrency / 8)
            // The hosts left out of the last claim if it found nothing: hunger comes back once one of them runs short.
            var leftOutOfEmptyClaim: Set<String> = []
            let reserve = Self.reserve(concurrency: configuration.concurrency, perHostLimit: configuration.perHostLimit)
            // The times timers are set for: one is set whenever the loop must wake before all of them, so a nearer
            // time (a backoff's end, the shutdown deadline) is never left behind a later one (the next extension).
            var timers: Set<ContinuousClock.Instant> = []
            var deadline: ContinuousClock.Instant?
            var claiming = false
            // A tick that came while a claim was under way: that claim may have looked before the new event was
            // committed, so its coming back empty must not end the hunger.
            var tickedWhileClaiming = false
            var flushing = false
            // Claims and commits failing: none starts again before the backoff has passed.
            var outage = StoreOutage()
            // Attempts in the commit under way, and the last count of leased deliveries the gauge was given.
            var committing = 0
            var leased = -1
            // The ids of the deliveries being sent and being committed, whose leases are extended with the
            // waiting ones' every third of the lease, so a live runner keeps what it holds however long it waits.
            var sendingIDs: Set<String> = []
            var committingIDs: [String] = []
            let extendEvery = max(.milliseconds(200), configuration.lease / 3)
            var extendAt = ContinuousClock.now + extendEvery
            var extending = false
            var losses = LeaseLosses()
            // Until when (store time) no lease this runner holds can have lapsed: what it held at the start of the
            // last extension that went through got a full lease then, and what it claimed since got one later. Past
            // it (extensions failing for a whole lease), a claim may hand back deliveries this runner still holds.
            var leasesSafeUntil = clock.now.date.addingTimeInterval(configuration.lease.seconds)
            var extensionStartedAt = clock.now.date

            while !Task.isCancelled {
                var busy = inFlight.values.reduce(0, +)
                if stopping.isSet, deadline == nil {
                    deadline = .now + configuration.shutdownTimeout
                    logger.info(
                        "stopping: no new claims; waiting for in-flight sends", metadata: ["in_flight": "\(busy)"])
                }
                if !finished.isEmpty, !flushing, outage.allowsCall(at: .now),
                    stopping.isSet || busy == 0 || finished.count >= Self.flushBatch
                        || flushBy.map({ $0 <= .now }) == true
                {
                    let results = Array(finished.prefix(Self.commitLimit))
                    finished.removeFirst(results.count)
                    // What one commit could not take goes in the next one, as soon as this one is done.
                    flushBy = finished.isEmpty ? nil : .now
                    flushing = true
                    committing = results.count
                    committingIDs = results.map(\.deliveryID)
                    group.addTask { .flushed(unrecorded: await finish(results) ? [] : results) }
                }
                // Claims run ahead of the sends by up to the concurrency again, so the next sends are at hand while a
                // claim waits for the store's writer behind a commit. Attempts sent and not yet recorded hold their
                // deliveries too: past a batch of them no new claims start, so a store slower than the receivers
                // slows the sending down instead of letting them pile up without bound (in memory, and as sends to
                // repeat after a crash).
                let unrecorded = finished.count + committing
                let room =
                    2 * configuration.concurrency - busy - waiting.count - max(0, unrecorded - Self.flushBatch)
                if !hungry, leftOutOfEmptyClaim.contains(where: { waiting.count(host: $0) < reserve / 2 }) {
                    hungry = true
                    leftOutOfEmptyClaim = []
                }
                if !stopping.isSet, !claiming, room > 0, outage.allowsCall(at: .now),
                    hungry && (waiting.count < batch || room >= batch)
                {
                    let (full, limit) = Self.claimBounds(
                        room: room, sending: perHost, waiting: waiting, concurrency: configuration.concurrency,
                        perHostLimit: configuration.perHostLimit)
                    let excluded = Set(hostOf.filter { full.contains($0.value) }.keys)
                    // Retries claimed and waiting count against the retry lane's share as its sends do.
                    var lanes = inFlight
                    lanes[.retry, default: 0] += waiting.retries
                    claiming = true
                    group.addTask {
                        let (claimed, failed) = await claim(limit: limit, inFlight: lanes, excluding: excluded)
                        // Prepared here, beside the loop, so each event is parsed once for all its deliveries.
                        return .claimed(prepared.prepare(claimed), failed: failed, leftOut: full)
                    }
                }
                if !stopping.isSet {
                    for host in waiting.hosts {
                        while busy < configuration.concurrency, perHost[host, default: 0] < configuration.perHostLimit,
                            let claimed = waiting.popFirst(host: host)
                        {
                            let lane = claimed.claimed.delivery.lane
                            perHost[host, default: 0] += 1
                            inFlight[lane, default: 0] += 1
                            busy += 1
                            sendingIDs.insert(claimed.id)
                            metrics.sendsInFlight(inFlight[lane, default: 0], lane: lane)
                            group.addTask { .finished(await deliver(claimed), host: host, lane: lane) }
                        }
                    }
                }
                if stopping.isSet {
                    if !waiting.isEmpty {
                        await release(waiting.removeAll())
                    }
                    // A commit or claim under way is waited for: cancelled, it would leave attempts unrecorded.
                    if busy == 0, !flushing, !claiming, finished.isEmpty { break }
                    if let deadline, deadline <= .now, !flushing, !claiming {
                        logger.warning(
                            "shutdown timeout reached; the \(busy) sends in flight are cut off and handed back to the queue"
                        )
                        break
                    }
                } else if !ticking, !hungry {
                    // Only a loop that is not claiming already needs telling that something may be due: a tick
                    // while hungry would ask the store for the next due time again and again, for nothing.
                    ticking = true
                    let pause: Duration? = dry ? dryPause : nil
                    group.addTask { await tick(pause: pause) }
                }
                // No timer for a flush while one is under way, nor for a deadline passed: `.flushed` wakes the loop.
                let now = ContinuousClock.now
                // Claimed and not yet committed: waiting, being sent, or finished and being or to be recorded.
                let held = busy + waiting.count + finished.count + committing
                // Holding nothing, nothing can lapse: a lease taken from here on is a full one.
                if held == 0 { leasesSafeUntil = clock.now.date.addingTimeInterval(configuration.lease.seconds) }
                if held != leased {
                    leased = held
                    metrics.deliveriesLeased(held, owner: configuration.owner)
                }
                if held > 0, !extending, extendAt <= now, outage.allowsCall(at: now) {
                    let ids = waiting.ids + sendingIDs + finished.map(\.deliveryID) + committingIDs
                    extending = true
                    extensionStartedAt = clock.now.date
                    losses.extensionStarted()
                    group.addTask { .extended(lost: await extend(ids)) }
                }
                if extendAt <= now { extendAt = now + extendEvery }
                // After a failed claim or commit the loop wakes when the backoff has passed.
                // While it has not, a flush that is due waits for it too (a timer for that flush, already past,
                // would wake the loop at once, again and again, for as long as the store is away).
                let retryAt = outage.retryAt.flatMap { $0 > now ? $0 : nil }
                // Once per finished send: the earliest of four, without building an array for it.
                let wakeAt = Self.earliest(
                    Self.earliest(flushing || retryAt != nil ? nil : flushBy, deadline.flatMap { $0 > now ? $0 : nil }),
                    Self.earliest(retryAt, held > 0 && !extending ? extendAt : nil))
                if let wakeAt, !timers.contains(where: { $0 <= wakeAt }) {
                    timers.insert(wakeAt)
                    group.addTask {
                        try? await ContinuousClock().sleep(until: wakeAt)
                        return .timer(wakeAt)
                    }
                }
                switch await group.next() {
                case .finished(let result, let host, let lane)?:
                    perHost[host, default: 1] -= 1
                    inFlight[lane, default: 1] -= 1
                    metrics.sendsInFlight(inFlight[lane, default: 0], lane: lane)
                    sendingIDs.remove(result.deliveryID)
                    finished.append(result)
                    if flushBy == nil { flushBy = .now + Self.flushDelay }
                case .tick?:
                    ticking = false
                    hungry = true
                    if claiming { tickedWhileClaiming = true }
                case .timer(let at)?: timers.remove(at)
                case .claimed(var claimed, let failed, let leftOut)?:
                    claiming = false
                    if failed { storeFailed(&outage, what: "claim deliveries") } else { storeAnswered(&outage) }
                    if hostOfURL.count > 4_096 { hostOfURL = [:] }
                    if !claimed.isEmpty, clock.now.date >= leasesSafeUntil {
                        let held = Set(waiting.ids).union(sendingIDs).union(finished.map(\.deliveryID))
                            .union(committingIDs)
                        let count = claimed.count
                        claimed.removeAll { held.contains($0.id) }
                        if claimed.count < count {
                            logger.warning(
                                "leases lapsed: this runner claimed again deliveries it still held; the second copies are dropped",
                                metadata: ["dropped": "\(count - claimed.count)"])
                        }
                    }
                    for delivery in claimed {
                        let url = delivery.claimed.webhook.webhook.url
                        let host = hostOfURL[url] ?? Self.hostKey(url)
                        hostOfURL[url] = host
                        hostOf[delivery.claimed.delivery.webhook] = host
                        waiting.append(delivery, host: host)
                    }
                    // After a failed claim the store is asked again when the backoff has passed.
                    hungry = !claimed.isEmpty || tickedWhileClaiming || failed
                    let wasDry = dry
                    dry = claimed.isEmpty && !tickedWhileClaiming && !failed
                    if !dry {
                        dryPause = Self.dryPause
                    } else if wasDry {
                        dryPause = min(dryPause * 2, configuration.pollInterval)
                    }
                    leftOutOfEmptyClaim = hungry ? [] : leftOut
                    tickedWhileClaiming = false
                case .flushed(let unrecorded)?:
                    flushing = false
                    committing = 0
                    if unrecorded.isEmpty { losses.committed(committingIDs) }
                    committingIDs = []
                    if unrecorded.isEmpty {
                        storeAnswered(&outage)
                    } else {
                        // Kept, in order, and committed again once the store answers: the commit is idempotent
                        // (an attempt is recorded once by its id; a delivery already finished is left alone).
                        finished = unrecorded + finished
                        if flushBy == nil { flushBy = .now }
                        storeFailed(&outage, what: "record \(unrecorded.count) attempts")
                    }
                    // What just ended may let the next of an ordered line, or a saturated host's next, be claimed.
                    hungry = true
                case .extended(let answer)?:
                    extending = false
                    let lost = answer ?? []
                    if answer != nil {
                        leasesSafeUntil = max(
                            leasesSafeUntil, extensionStartedAt.addingTimeInterval(configuration.lease.seconds))
                    }
                    let claimedAgain = losses.claimedAgain(lost: lost, committing: committingIDs)
                    let dropped = waiting.remove(claimedAgain)
                    if !claimedAgain.isEmpty {
                        logger.warning(
                            "leases lapsed: these deliveries were claimed again once their leases ended (by another runner, or by this one); the waiting ones are dropped here",
                            metadata: ["lost": "\(claimedAgain.count)", "dropped": "\(dropped)"])
                    }
                case nil: break
                }
            }
            // Sends still in flight are cancelled, which cuts them off at once (their connections close); each
            // comes back as an attempt with its answer, or, cut off, as a hand-back (`deliver`). All are recorded
            // together: nothing a receiver answered is lost, and nothing cut off waits for its lease to end.
            group.cancelAll()
            while let report = await group.next() {
                switch report {
                case .finished(let result, _, _): finished.append(result)
                // Only when the loop itself was cancelled (the service group's own deadline) do a commit or a
                // claim end here: what they held is recorded or handed back with the rest.
                case .flushed(let unrecorded): finished = unrecorded + finished
                case .claimed(let claimed, _, _): finished += Self.handBacks(claimed, at: clock.now.date)
                default: break
                }
            }
            finished += Self.handBacks(waiting.removeAll(), at: clock.now.date)
            if !finished.isEmpty, !(await finish(finished)) {
                logger.warning(
                    "\(finished.count) finished attempts could not be recorded (the store is away); their deliveries are sent again when their leases end"
                )
            }
            for lane in DeliveryLane.allCases { metrics.sendsInFlight(0, lane: lane) }
            metrics.deliveriesLeased(0, owner: configuration.owner)
        }
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

    /// A claim or commit failed: the outage begins (logged once, with the metric) or goes on.
    private func storeFailed(_ outage: inout StoreOutage, what: String) {
        if outage.failed(at: .now) {
            metrics.storeReachable(false, for: .workers)
            logger.warning(
                "the store is unreachable: no new claims; sends in flight go on and their attempts are kept until it is back",
                metadata: ["failed": "\(what)"])
        }
    }

    /// A claim or commit succeeded: an outage, if any, is over.
    private func storeAnswered(_ outage: inout StoreOutage) {
        let failures = outage.failures
        if let lasted = outage.succeeded(at: .now) {
            metrics.storeReachable(true, for: .workers)
            logger.info(
                "the store is reachable again; claiming resumes",
                metadata: ["outage_ms": "\(Int(lasted.seconds * 1_000))", "failed_calls": "\(failures)"])
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

    /// Which webhooks the next claim leaves out, and how many deliveries it may take at most.
    ///
    /// A host at its limit keeps a `reserve` of claimed deliveries waiting, so its next sends are ready the moment
    /// earlier ones finish, however long the next claim waits for the store; with its reserve full its webhooks are
    /// left out, and while it is short a claim takes no more than it lacks. A slow or dead host therefore holds its
    /// limit and its reserve at most, and the other hosts keep the rest of the room (twice the concurrency).
    /// One claim takes at most the concurrency.
    static func claimBounds(
        room: Int, sending perHost: [String: Int], waiting: WaitingDeliveries, concurrency: Int, perHostLimit: Int
    ) -> (full: Set<String>, limit: Int) {
        let reserve = reserve(concurrency: concurrency, perHostLimit: perHostLimit)
        var full: Set<String> = []
        var limit = min(room, concurrency)
        for (host, sending) in perHost where sending >= perHostLimit {
            let held = waiting.count(host: host)
            if held >= reserve { full.insert(host) } else { limit = min(limit, reserve - held) }
        }
        return (full, limit)
    }

    /// How many claimed deliveries a host at its limit keeps waiting: the concurrency, at least two per-host limits.
    static func reserve(concurrency: Int, perHostLimit: Int) -> Int { max(2 * perHostLimit, concurrency) }

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

    /// Hands claimed but unsent deliveries back to the queue at shutdown, due now, with no attempt recorded.
    private func release(_ waiting: [ReadyDelivery]) async {
        await finish(Self.handBacks(waiting, at: clock.now.date))
    }

    /// The earlier of two times, either of which may be missing.
    static func earliest(
        _ first: ContinuousClock.Instant?, _ second: ContinuousClock.Instant?
    ) -> ContinuousClock.Instant? {
        guard let first else { return second }
        guard let second else { return first }
        return min(first, second)
    }

    /// What hands `deliveries` back to the queue, due at `now`, with no attempt recorded.
    static func handBacks(_ deliveries: [ReadyDelivery], at now: Date) -> [AttemptResult] {
        deliveries.map { .handBack($0.id, at: now) }
    }

    /// What the per-host limit counts by: the receiver's host and port (`hooks.example.com:443`).
    static func hostKey(_ url: String) -> String {
        guard let target = TargetURL(url) else { return url }
        return "\(target.authorityHost):\(target.effectivePort)"
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
