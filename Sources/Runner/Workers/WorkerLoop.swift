import Delivery
import Foundation
import Store

/// The delivery workers' loop as a pure state machine: what the loop holds (sends in flight by lane and host,
/// claimed deliveries waiting, finished attempts to record, the claim, commit, tick and lease extension under way,
/// the timers set, the store's outage) and what it starts next, given the time. `DeliveryWorkers` runs each `Step`
/// (a child task, a log line, a metric) and hands every report back; nothing here awaits, logs or reaches the
/// store, so each rule is tested with instants and reports made up by the test.
struct WorkerLoop {
    /// What the loop does next, in the order given.
    enum Step {
        /// Shutdown began with `inFlight` sends: no new claims from here on.
        case stopping(inFlight: Int)
        /// Commit these finished attempts together.
        case flush([AttemptResult])
        /// Claim at most `limit` deliveries, none of the `excluding` webhooks'; `lanes` counts each lane's sends
        /// (the retry lane's claimed and waiting ones too); `leftOut` are the hosts whose webhooks are excluded.
        case claim(limit: Int, lanes: [DeliveryLane: Int], excluding: Set<String>, leftOut: Set<String>)
        /// Send `delivery` to `host`; its lane now has `inLane` sends in flight.
        case send(ReadyDelivery, host: String, lane: DeliveryLane, inLane: Int)
        /// Stopping: commit these hand-backs of the claimed but unsent deliveries (due now, no attempt counted),
        /// then ask for the steps again (the commit takes time, and what follows is judged at the time after it).
        /// Always the last step given.
        case release([AttemptResult])
        /// Leave the loop: all done, or, with `cutOff`, the shutdown timeout passed with that many sends in flight.
        case stop(cutOff: Int?)
        /// Wait for something to come due (after a claim that found nothing, at least `pause`).
        case tick(pause: Duration?)
        /// The loop now holds this many deliveries (the leased gauge).
        case held(Int)
        /// Extend the leases on these deliveries.
        case extend([String])
        /// Wake the loop at this instant.
        case wake(at: ContinuousClock.Instant)
    }

    /// How a store call that came back changed the outage, for the loop's log line and metric.
    enum StoreChange: Equatable {
        case unchanged
        /// The first failure after the store answered.
        case wentAway
        /// The first success after `failedCalls` failures over `lasted`.
        case cameBack(lasted: Duration, failedCalls: Int)
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

    let concurrency: Int
    let perHostLimit: Int
    let lease: Duration
    let pollInterval: Duration
    let shutdownTimeout: Duration
    /// A claim waits until this much room is free, unless little is waiting (see `hungry`).
    let batch: Int
    /// How many claimed deliveries a host at its limit keeps waiting (see `claimBounds`).
    let reserve: Int
    let extendEvery: Duration

    private(set) var inFlight: [DeliveryLane: Int] = [.first: 0, .retry: 0]
    private(set) var perHost: [String: Int] = [:]
    /// Which host each webhook sends to, learned from its claims: a host at its limit with its reserve waiting
    /// excludes its webhooks from the next claims, so its backlog cannot crowd out other receivers.
    private var hostOf: [String: String] = [:]
    /// The host of each webhook URL seen, so a URL is parsed once, not once per claimed delivery.
    private var hostOfURL: [String: String] = [:]
    private(set) var waiting = WaitingDeliveries()
    private(set) var finished: [AttemptResult] = []
    private var flushBy: ContinuousClock.Instant?
    private var ticking = false
    /// Whether the last claim found nothing: then a delivery that is due but was not claimed (waiting in an ordered
    /// line, or for a saturated host) must not make the next tick return at once.
    private var dry = false
    private(set) var dryPause = Self.dryPause
    /// Whether something may be due that was not claimed yet: at start, after a tick, and while claims come back
    /// non-empty. Claims wait until a batch's worth of room is free, unless something may be due and less than a
    /// batch is waiting to be sent (claiming one delivery per finished send, behind a host at its limit, cost a
    /// write transaction per delivery).
    private(set) var hungry = true
    /// The hosts left out of the last claim if it found nothing: hunger comes back once one of them runs short.
    private var leftOutOfEmptyClaim: Set<String> = []
    /// The times timers are set for: one is set whenever the loop must wake before all of them, so a nearer time (a
    /// backoff's end, the shutdown deadline) is never left behind a later one (the next extension).
    private(set) var timers: Set<ContinuousClock.Instant> = []
    /// When in-flight sends are cut off, once shutdown began.
    private(set) var deadline: ContinuousClock.Instant?
    private(set) var claiming = false
    /// A tick that came while a claim was under way: that claim may have looked before the new event was committed,
    /// so its coming back empty must not end the hunger.
    private var tickedWhileClaiming = false
    private(set) var flushing = false
    /// Claims and commits failing: none starts again before the backoff has passed.
    private(set) var outage = StoreOutage()
    /// Attempts in the commit under way, and the last count of held deliveries the gauge was given.
    private var committing = 0
    private var leased = -1
    /// The ids of the deliveries being sent and being committed, whose leases are extended with the waiting ones'
    /// every third of the lease, so a live runner keeps what it holds however long it waits.
    private var sendingIDs: Set<String> = []
    private var committingIDs: [String] = []
    private var extendAt: ContinuousClock.Instant
    private var extending = false
    private var losses = LeaseLosses()
    /// Until when (store time) no lease this runner holds can have lapsed: what it held at the start of the last
    /// extension that went through got a full lease then, and what it claimed since got one later. Past it
    /// (extensions failing for a whole lease), a claim may hand back deliveries this runner still holds.
    private var leasesSafeUntil: Date
    private var extensionStartedAt: Date

    init(configuration: RunnerConfiguration, now: ContinuousClock.Instant, storeNow: Date) {
        concurrency = configuration.concurrency
        perHostLimit = configuration.perHostLimit
        lease = configuration.lease
        pollInterval = configuration.pollInterval
        shutdownTimeout = configuration.shutdownTimeout
        batch = max(1, configuration.concurrency / 8)
        reserve = Self.reserve(concurrency: configuration.concurrency, perHostLimit: configuration.perHostLimit)
        extendEvery = max(.milliseconds(200), configuration.lease / 3)
        extendAt = now + extendEvery
        leasesSafeUntil = storeNow.addingTimeInterval(configuration.lease.seconds)
        extensionStartedAt = storeNow
    }

    /// Sends in flight over both lanes.
    var busy: Int { inFlight.values.reduce(0, +) }

    /// Everything the loop starts at `now` (`storeNow` on the store's clock), given whether shutdown began.
    mutating func steps(now: ContinuousClock.Instant, storeNow: Date, stopping: Bool) -> [Step] {
        var steps: [Step] = []
        var busy = busy
        if stopping, deadline == nil {
            deadline = now + shutdownTimeout
            steps.append(.stopping(inFlight: busy))
        }
        if let results = flush(now: now, busy: busy, stopping: stopping) { steps.append(.flush(results)) }
        if !stopping, let claim = claim(now: now, busy: busy) { steps.append(claim) }
        if !stopping {
            for host in waiting.hosts {
                while busy < concurrency, perHost[host, default: 0] < perHostLimit,
                    let ready = waiting.popFirst(host: host)
                {
                    let lane = ready.claimed.delivery.lane
                    perHost[host, default: 0] += 1
                    inFlight[lane, default: 0] += 1
                    busy += 1
                    sendingIDs.insert(ready.id)
                    steps.append(.send(ready, host: host, lane: lane, inLane: inFlight[lane, default: 0]))
                }
            }
        }
        if stopping {
            if !waiting.isEmpty { return steps + [.release(Self.handBacks(waiting.removeAll(), at: storeNow))] }
            // A commit or claim under way is waited for: cancelled, it would leave attempts unrecorded.
            if busy == 0, !flushing, !claiming, finished.isEmpty { return steps + [.stop(cutOff: nil)] }
            if let deadline, deadline <= now, !flushing, !claiming { return steps + [.stop(cutOff: busy)] }
        } else if !ticking, !hungry {
            // Only a loop that is not claiming already needs telling that something may be due: a tick while hungry
            // would ask the store for the next due time again and again, for nothing.
            ticking = true
            steps.append(.tick(pause: dry ? dryPause : nil))
        }
        // Claimed and not yet committed: waiting, being sent, or finished and being or to be recorded.
        let held = busy + waiting.count + finished.count + committing
        // Holding nothing, nothing can lapse: a lease taken from here on is a full one.
        if held == 0 { leasesSafeUntil = storeNow.addingTimeInterval(lease.seconds) }
        if held != leased {
            leased = held
            steps.append(.held(held))
        }
        if held > 0, !extending, extendAt <= now, outage.allowsCall(at: now) {
            extending = true
            extensionStartedAt = storeNow
            losses.extensionStarted()
            steps.append(.extend(heldIDs))
        }
        if extendAt <= now { extendAt = now + extendEvery }
        if let wakeAt = wakeAt(now: now, held: held), !timers.contains(where: { $0 <= wakeAt }) {
            timers.insert(wakeAt)
            steps.append(.wake(at: wakeAt))
        }
        return steps
    }

    /// The finished attempts to commit now, if a commit is due and may start: when shutting down, when nothing is in
    /// flight, when a batch gathered, or when the oldest waited `flushDelay`.
    private mutating func flush(now: ContinuousClock.Instant, busy: Int, stopping: Bool) -> [AttemptResult]? {
        guard !finished.isEmpty, !flushing, outage.allowsCall(at: now),
            stopping || busy == 0 || finished.count >= Self.flushBatch || flushBy.map({ $0 <= now }) == true
        else { return nil }
        let results = Array(finished.prefix(Self.commitLimit))
        finished.removeFirst(results.count)
        // What one commit could not take goes in the next one, as soon as this one is done.
        flushBy = finished.isEmpty ? nil : now
        flushing = true
        committing = results.count
        committingIDs = results.map(\.deliveryID)
        return results
    }

    /// The claim to start now, if one may. Claims run ahead of the sends by up to the concurrency again, so the next
    /// sends are at hand while a claim waits for the store's writer behind a commit. Attempts sent and not yet
    /// recorded hold their deliveries too: past a batch of them no new claims start, so a store slower than the
    /// receivers slows the sending down instead of letting them pile up without bound (in memory, and as sends to
    /// repeat after a crash).
    private mutating func claim(now: ContinuousClock.Instant, busy: Int) -> Step? {
        let unrecorded = finished.count + committing
        let room = 2 * concurrency - busy - waiting.count - max(0, unrecorded - Self.flushBatch)
        if !hungry, leftOutOfEmptyClaim.contains(where: { waiting.count(host: $0) < reserve / 2 }) {
            hungry = true
            leftOutOfEmptyClaim = []
        }
        guard !claiming, room > 0, outage.allowsCall(at: now), hungry, waiting.count < batch || room >= batch
        else { return nil }
        let (full, limit) = Self.claimBounds(
            room: room, sending: perHost, waiting: waiting, concurrency: concurrency, perHostLimit: perHostLimit)
        let excluded = Set(hostOf.filter { full.contains($0.value) }.keys)
        // Retries claimed and waiting count against the retry lane's share as its sends do.
        var lanes = inFlight
        lanes[.retry, default: 0] += waiting.retries
        claiming = true
        return .claim(limit: limit, lanes: lanes, excluding: excluded, leftOut: full)
    }

    /// When the loop must wake at the latest: a flush's time, the shutdown deadline, the end of a store backoff, the
    /// next lease extension. No timer for a flush while one is under way, nor for a deadline passed (`flushed` wakes
    /// the loop); while a backoff lasts, a flush that is due waits for it too (a timer for that flush, already past,
    /// would wake the loop at once, again and again, for as long as the store is away).
    private func wakeAt(now: ContinuousClock.Instant, held: Int) -> ContinuousClock.Instant? {
        let retryAt = outage.retryAt.flatMap { $0 > now ? $0 : nil }
        // Once per finished send: the earliest of four, without building an array for it.
        return Self.earliest(
            Self.earliest(flushing || retryAt != nil ? nil : flushBy, deadline.flatMap { $0 > now ? $0 : nil }),
            Self.earliest(retryAt, held > 0 && !extending ? extendAt : nil))
    }

    /// Every delivery this runner holds: waiting, being sent, finished, being committed.
    var heldIDs: [String] { waiting.ids + sendingIDs + finished.map(\.deliveryID) + committingIDs }

    // MARK: Reports

    /// A send finished; returns how many sends its lane still has in flight.
    mutating func sendFinished(
        _ result: AttemptResult, host: String, lane: DeliveryLane, now: ContinuousClock.Instant
    ) -> Int {
        perHost[host, default: 1] -= 1
        inFlight[lane, default: 1] -= 1
        sendingIDs.remove(result.deliveryID)
        finished.append(result)
        if flushBy == nil { flushBy = now + Self.flushDelay }
        return inFlight[lane, default: 0]
    }

    /// Something may be due.
    mutating func ticked() {
        ticking = false
        hungry = true
        if claiming { tickedWhileClaiming = true }
    }

    /// The timer set for `instant` fired.
    mutating func timerFired(_ instant: ContinuousClock.Instant) { timers.remove(instant) }

    /// A claim came back (`failed`: the store could not be asked; `leftOut`: the hosts it excluded). Returns the
    /// outage's change and how many of the claimed deliveries were dropped: once extensions have failed for a whole
    /// lease, deliveries this runner still holds may come back claimed again, and are not sent twice.
    mutating func claimed(
        _ claimed: [ReadyDelivery], failed: Bool, leftOut: Set<String>, now: ContinuousClock.Instant, storeNow: Date
    ) -> (store: StoreChange, dropped: Int) {
        claiming = false
        let change = storeCall(failed: failed, now: now)
        if hostOfURL.count > 4_096 { hostOfURL = [:] }
        var claimed = claimed
        var dropped = 0
        if !claimed.isEmpty, storeNow >= leasesSafeUntil {
            let held = Set(heldIDs)
            let count = claimed.count
            claimed.removeAll { held.contains($0.id) }
            dropped = count - claimed.count
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
            dryPause = min(dryPause * 2, pollInterval)
        }
        leftOutOfEmptyClaim = hungry ? [] : leftOut
        tickedWhileClaiming = false
        return (change, dropped)
    }

    /// A commit came back, all recorded but `unrecorded` (the store could not be reached): those are kept, in order,
    /// and committed again once it answers (the commit is idempotent: an attempt is recorded once by its id, and a
    /// delivery already finished is left alone).
    mutating func flushed(unrecorded: [AttemptResult], now: ContinuousClock.Instant) -> StoreChange {
        flushing = false
        committing = 0
        if unrecorded.isEmpty { losses.committed(committingIDs) }
        committingIDs = []
        let change = storeCall(failed: !unrecorded.isEmpty, now: now)
        if !unrecorded.isEmpty {
            finished = unrecorded + finished
            if flushBy == nil { flushBy = now }
        }
        // What just ended may let the next of an ordered line, or a saturated host's next, be claimed.
        hungry = true
        return change
    }

    /// A lease extension came back with the deliveries it `lost` (`nil`: the store could not be asked). Returns how
    /// many were claimed again once their leases ended, and how many of those waiting here were dropped.
    mutating func extended(lost answer: Set<String>?) -> (claimedAgain: Int, dropped: Int) {
        extending = false
        if answer != nil {
            leasesSafeUntil = max(leasesSafeUntil, extensionStartedAt.addingTimeInterval(lease.seconds))
        }
        let claimedAgain = losses.claimedAgain(lost: answer ?? [], committing: committingIDs)
        return (claimedAgain.count, waiting.remove(claimedAgain))
    }

    // MARK: After the loop

    /// Once the loop ended and its sends were cancelled, a send that came back (with its answer, or cut off as a
    /// hand-back).
    mutating func keep(finished result: AttemptResult) { finished.append(result) }

    /// Once the loop ended, a commit that came back with `unrecorded` attempts: they go first, as they came first.
    mutating func keep(unrecorded: [AttemptResult]) { finished = unrecorded + finished }

    /// Once the loop ended, a claim that came back: its deliveries are handed back, due at `storeNow`.
    mutating func handBack(_ claimed: [ReadyDelivery], storeNow: Date) {
        finished += Self.handBacks(claimed, at: storeNow)
    }

    /// What is left to record once the loop ended, in order: the finished attempts not committed, then the waiting
    /// deliveries handed back, due at `storeNow`.
    mutating func leftToRecord(storeNow: Date) -> [AttemptResult] {
        defer { finished = [] }
        return finished + Self.handBacks(waiting.removeAll(), at: storeNow)
    }

    /// What hands `deliveries` back to the queue, due at `now`, with no attempt counted.
    static func handBacks(_ deliveries: [ReadyDelivery], at now: Date) -> [AttemptResult] {
        deliveries.map { .handBack($0.id, at: now) }
    }

    private mutating func storeCall(failed: Bool, now: ContinuousClock.Instant) -> StoreChange {
        if failed { return outage.failed(at: now) ? .wentAway : .unchanged }
        let failures = outage.failures
        return outage.succeeded(at: now).map { .cameBack(lasted: $0, failedCalls: failures) } ?? .unchanged
    }

    // MARK: Rules

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

    /// What the per-host limit counts by: the receiver's host and port (`hooks.example.com:443`).
    static func hostKey(_ url: String) -> String {
        guard let target = TargetURL(url) else { return url }
        return "\(target.authorityHost):\(target.effectivePort)"
    }

    /// The earlier of two times, either of which may be missing.
    static func earliest(
        _ first: ContinuousClock.Instant?, _ second: ContinuousClock.Instant?
    ) -> ContinuousClock.Instant? {
        guard let first else { return second }
        guard let second else { return first }
        return min(first, second)
    }
}
