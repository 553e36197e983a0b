import Foundation
import Store
import Testing

@testable import Runner

/// The workers' loop as a state machine, driven by instants and reports made up here: what it starts, when, and
/// what it keeps, with no store, receiver or clock behind it.
@Suite struct WorkerLoopTests {
    let configuration = RunnerConfiguration(
        ingestToken: "t", concurrency: 4, perHostLimit: 2, shutdownTimeout: .seconds(10), owner: "test")
    let start = ContinuousClock.now
    let storeNow = Date(timeIntervalSince1970: 1_800_000_000)

    /// `events` deliveries claimed for one webhook on `host`, prepared for their sends.
    func claimed(host: String = "a.example.com", events: Int) async throws -> [ReadyDelivery] {
        let store = try await RunnerFixtures.store([RunnerFixtures.webhook("hook", url: "https://\(host)/in")])
        let intake = EventIntake(queue: store)
        for index in 0..<events {
            #expect(await intake.acceptOne(RunnerFixtures.event(id: "AR-\(index)"), idempotencyKey: nil).status == 202)
        }
        let claimed = try await store.claim(
            lane: .first, limit: 1_000, owner: "test", lease: .seconds(60), now: Date(), excluding: [])
        return PreparedDeliveries(key: try StoreKey(base64: StoreKey.generateBase64())).prepare(claimed)
    }

    func sends(_ steps: [WorkerLoop.Step]) -> [(id: String, host: String)] {
        steps.compactMap { if case .send(let ready, let host, _, _) = $0 { (ready.id, host) } else { nil } }
    }
    func flushes(_ steps: [WorkerLoop.Step]) -> [[String]] {
        steps.compactMap { if case .flush(let results) = $0 { results.map(\.deliveryID) } else { nil } }
    }
    func claims(_ steps: [WorkerLoop.Step]) -> [Int] {
        steps.compactMap { if case .claim(let limit, _, _, _) = $0 { limit } else { nil } }
    }
    func wakes(_ steps: [WorkerLoop.Step]) -> [ContinuousClock.Instant] {
        steps.compactMap { if case .wake(let instant) = $0 { instant } else { nil } }
    }
    func stop(_ steps: [WorkerLoop.Step]) -> Int?? {
        for step in steps { if case .stop(let cutOff) = step { return .some(cutOff) } }
        return .none
    }

    /// A loop with `deliveries` claimed and as many sent as the limits allow (the next claim, started beside the
    /// sends, finding nothing); returns the sends.
    func sending(
        _ deliveries: [ReadyDelivery], in state: inout WorkerLoop
    ) -> [(id: String, host: String)] {
        #expect(claims(state.steps(now: start, storeNow: storeNow, stopping: false)).count == 1)
        _ = state.claimed(deliveries, failed: false, leftOut: [], now: start, storeNow: storeNow)
        let steps = state.steps(now: start, storeNow: storeNow, stopping: false)
        #expect(claims(steps).count == 1, "claims run ahead of the sends")
        _ = state.claimed([], failed: false, leftOut: [], now: start, storeNow: storeNow)
        return sends(steps)
    }

    @Test func itClaimsAtOnceAndSendsWithinThePerHostLimit() async throws {
        var state = WorkerLoop(configuration: configuration, now: start, storeNow: storeNow)
        let first = state.steps(now: start, storeNow: storeNow, stopping: false)
        #expect(claims(first) == [4], "room for twice the concurrency, one claim at most the concurrency")
        #expect(claims(state.steps(now: start, storeNow: storeNow, stopping: false)).isEmpty, "one claim at a time")
        _ = state.claimed(try await claimed(events: 3), failed: false, leftOut: [], now: start, storeNow: storeNow)
        let sent = sends(state.steps(now: start, storeNow: storeNow, stopping: false))
        #expect(sent.count == 2, "the per-host limit")
        #expect(Set(sent.map(\.host)) == ["a.example.com:443"])
        #expect(state.waiting.count == 1 && state.busy == 2)
    }

    @Test func finishedAttemptsWaitTheFlushDelayThenCommitTogether() async throws {
        var state = WorkerLoop(configuration: configuration, now: start, storeNow: storeNow)
        let sent = sending(try await claimed(events: 3), in: &state)
        _ = state.sendFinished(.handBack(sent[0].id, at: storeNow), host: sent[0].host, lane: .first, now: start)
        let soon = state.steps(now: start, storeNow: storeNow, stopping: false)
        #expect(flushes(soon).isEmpty, "one send is still in flight and the delay has not passed")
        #expect(wakes(soon).contains(start + WorkerLoop.flushDelay))
        #expect(
            flushes(state.steps(now: start + .milliseconds(4), storeNow: storeNow, stopping: false)).isEmpty)
        let later = state.steps(now: start + WorkerLoop.flushDelay, storeNow: storeNow, stopping: false)
        #expect(flushes(later) == [[sent[0].id]], "committed once the delay passed, the other send still in flight")
        _ = state.sendFinished(.handBack(sent[1].id, at: storeNow), host: sent[1].host, lane: .first, now: start)
        _ = state.flushed(unrecorded: [], now: start + WorkerLoop.flushDelay)
        let idle = state.steps(now: start + WorkerLoop.flushDelay, storeNow: storeNow, stopping: false)
        #expect(flushes(idle) == [[sent[1].id]], "nothing in flight: committed at once")
    }

    @Test func leasesAreExtendedEveryThirdOfTheLeaseForAllThatIsHeld() async throws {
        var state = WorkerLoop(configuration: configuration, now: start, storeNow: storeNow)
        let deliveries = try await claimed(events: 3)
        let sent = sending(deliveries, in: &state)
        let third = configuration.lease / 3
        let before = state.steps(now: start + third - .seconds(1), storeNow: storeNow, stopping: false)
        #expect(!before.contains { if case .extend = $0 { true } else { false } })
        #expect(wakes(before).contains(start + third) || state.timers.contains(start + third))
        let at = state.steps(now: start + third, storeNow: storeNow, stopping: false)
        let extended = at.compactMap { if case .extend(let ids) = $0 { ids } else { nil } }
        #expect(extended.count == 1)
        #expect(Set(extended.first ?? []) == Set(deliveries.map(\.id)), "the two being sent and the one waiting")
        let waitingID = try #require(Set(deliveries.map(\.id)).subtracting(sent.map(\.id)).first)
        // The waiting one was claimed again elsewhere once its lease ended: it is dropped here, not sent twice.
        let (claimedAgain, dropped) = state.extended(lost: [waitingID])
        #expect(claimedAgain == 1 && dropped == 1)
        #expect(state.waiting.count == 0)
    }

    @Test func aFailedCommitKeepsItsAttemptsAndWaitsOutTheBackoff() async throws {
        var state = WorkerLoop(configuration: configuration, now: start, storeNow: storeNow)
        let sent = sending(try await claimed(events: 1), in: &state)
        let result = AttemptResult.handBack(sent[0].id, at: storeNow)
        _ = state.sendFinished(result, host: sent[0].host, lane: .first, now: start)
        #expect(flushes(state.steps(now: start, storeNow: storeNow, stopping: false)) == [[sent[0].id]])
        #expect(state.flushed(unrecorded: [result], now: start) == .wentAway)
        let during = state.steps(now: start + .milliseconds(50), storeNow: storeNow, stopping: false)
        #expect(flushes(during).isEmpty && claims(during).isEmpty, "nothing reaches the store during the backoff")
        #expect(wakes(during).contains(start + StoreOutage.first), "woken when the backoff ends")
        let after = state.steps(now: start + StoreOutage.first, storeNow: storeNow, stopping: false)
        #expect(flushes(after) == [[sent[0].id]], "the same attempt, kept")
        #expect(
            state.flushed(unrecorded: [], now: start + .seconds(1)) == .cameBack(lasted: .seconds(1), failedCalls: 1))
    }

    @Test func anEmptyClaimEndsTheHungerAndTicksWithADoublingPause() {
        var state = WorkerLoop(configuration: configuration, now: start, storeNow: storeNow)
        func emptyClaim() -> [WorkerLoop.Step] {
            _ = state.steps(now: start, storeNow: storeNow, stopping: false)
            _ = state.claimed([], failed: false, leftOut: [], now: start, storeNow: storeNow)
            let steps = state.steps(now: start, storeNow: storeNow, stopping: false)
            state.ticked()
            return steps
        }
        let pauses = (0..<3).map { _ in
            emptyClaim().compactMap { step -> Duration?? in if case .tick(let pause) = step { pause } else { nil } }
        }
        #expect(pauses == [[.milliseconds(50)], [.milliseconds(100)], [.milliseconds(200)]])
    }

    @Test func shutdownHandsBackWhatWaitsAndStopsOnceEverythingIsRecorded() async throws {
        var state = WorkerLoop(configuration: configuration, now: start, storeNow: storeNow)
        let sent = sending(try await claimed(events: 3), in: &state)
        let stopping = state.steps(now: start, storeNow: storeNow, stopping: true)
        let released = stopping.compactMap { if case .release(let handBacks) = $0 { handBacks } else { nil } }
        #expect(released.count == 1 && released[0].count == 1, "the one waiting delivery is handed back")
        #expect(released.first?.first?.deliveryID.isEmpty == false)
        #expect(!sent.map(\.id).contains(released.first?.first?.deliveryID ?? ""), "not one being sent")
        #expect(claims(stopping).isEmpty && stop(stopping) == nil, "no claims; the sends in flight are waited for")
        for send in sent {
            _ = state.sendFinished(.handBack(send.id, at: storeNow), host: send.host, lane: .first, now: start)
        }
        let recording = state.steps(now: start, storeNow: storeNow, stopping: true)
        #expect(flushes(recording).first?.count == 2, "recorded at once when stopping")
        #expect(stop(recording) == nil, "not while the commit is under way")
        _ = state.flushed(unrecorded: [], now: start)
        #expect(stop(state.steps(now: start, storeNow: storeNow, stopping: true)) == .some(nil))
    }

    @Test func atTheShutdownDeadlineTheSendsInFlightAreCutOff() async throws {
        var state = WorkerLoop(configuration: configuration, now: start, storeNow: storeNow)
        _ = sending(try await claimed(events: 2), in: &state)
        let stopping = state.steps(now: start, storeNow: storeNow, stopping: true)
        #expect(wakes(stopping).contains(start + .seconds(10)), "woken at the deadline")
        #expect(stop(state.steps(now: start + .seconds(9), storeNow: storeNow, stopping: true)) == nil)
        #expect(stop(state.steps(now: start + .seconds(10), storeNow: storeNow, stopping: true)) == .some(2))
    }

    @Test func deliveriesClaimedAgainAfterTheLeasesLapsedAreNotSentTwice() async throws {
        var state = WorkerLoop(configuration: configuration, now: start, storeNow: storeNow)
        let deliveries = try await claimed(events: 1)
        _ = sending(deliveries, in: &state)
        // No extension went through for a whole lease: the store may hand the same delivery back.
        let lapsed = storeNow.addingTimeInterval(configuration.lease.seconds)
        state.ticked()
        #expect(claims(state.steps(now: start, storeNow: lapsed, stopping: false)).count == 1)
        let (_, dropped) = state.claimed(deliveries, failed: false, leftOut: [], now: start, storeNow: lapsed)
        #expect(dropped == 1)
        #expect(state.waiting.count == 0 && state.busy == 1)
    }
}
