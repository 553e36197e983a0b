import Foundation
import Hummingbird
import Logging
import Store
import StoreContracts
import Synchronization
import TestSupport
import Testing
import WebhookModel

@testable import Runner

/// A lease extension reports lost every delivery the runner no longer holds, those its own commits just finished
/// among them; only the others were claimed again (by another runner, or by this one once a lease ended), and only
/// they are warned about and dropped.
@Suite struct LeaseLossesTests {
    @Test func whatNoCommitOfOursFinishedWasClaimedAgain() {
        var losses = LeaseLosses()
        losses.extensionStarted()
        #expect(losses.claimedAgain(lost: ["d1", "d2"], committing: []) == ["d1", "d2"])
    }

    @Test func whatOurCommitsFinishedWhileTheExtensionWasOutIsNot() {
        var losses = LeaseLosses()
        losses.extensionStarted()
        losses.committed(["d1", "d3"])
        #expect(losses.claimedAgain(lost: ["d1", "d2", "d3"], committing: []) == ["d2"])
    }

    @Test func whatTheCommitUnderWayHoldsIsNot() {
        // That commit may have landed before the extension, its report not yet read.
        var losses = LeaseLosses()
        losses.extensionStarted()
        #expect(losses.claimedAgain(lost: ["d1", "d2"], committing: ["d2", "d9"]) == ["d1"])
    }

    @Test func commitsOutsideAnExtensionExcuseNothingLater() {
        var losses = LeaseLosses()
        losses.committed(["d1"])
        losses.extensionStarted()
        #expect(losses.claimedAgain(lost: ["d1"], committing: []) == ["d1"], "committed before it started")
        losses.extensionStarted()
        losses.committed(["d2"])
        _ = losses.claimedAgain(lost: [], committing: [])
        losses.extensionStarted()
        #expect(losses.claimedAgain(lost: ["d2"], committing: []) == ["d2"], "excused for the last extension only")
    }
}

extension RunnerServiceTests {
    /// An in-memory store whose commits take 40 ms and whose lease extensions wait for the commit under way to land
    /// first, as a busy writer may order them: every extension that starts during a commit then finds some of the
    /// deliveries it names finished by this runner's own commit.
    final class CommitsBeforeExtensions: RunnerStore, InMemoryWrapper {
        let store: InMemoryStore
        private let state = Mutex((committing: 0, extensionsLosingSome: 0))

        init(_ store: InMemoryStore) { self.store = store }

        var extensionsLosingSome: Int { state.withLock { $0.extensionsLosingSome } }

        @discardableResult
        func finish(
            _ results: [AttemptResult], owner: String, now: Date
        ) async throws(StoreError) -> [String: String] {
            state.withLock { $0.committing += 1 }
            defer { state.withLock { $0.committing -= 1 } }
            try? await Task.sleep(for: .milliseconds(40))
            return try await store.finish(results, owner: owner, now: now)
        }

        func extendLeases(
            _ deliveryIDs: [String], owner: String, lease: Duration, now: Date
        ) async throws(StoreError) -> Set<String> {
            for _ in 0..<1_000 where state.withLock({ $0.committing > 0 }) {
                try? await Task.sleep(for: .milliseconds(2))
            }
            let lost = try await store.extendLeases(deliveryIDs, owner: owner, lease: lease, now: now)
            if !lost.isEmpty { state.withLock { $0.extensionsLosingSome += 1 } }
            return lost
        }
    }

    @Test func aRunnerAloneNeverSaysOtherRunnersTookWhatItsOwnCommitsFinished() async throws {
        try await withReceiver(answering: CannedResponse()) { receiver in
            // The store's clock stands still, so no lease ever lapses, however slow a busy machine makes the run:
            // every delivery an extension finds lost here was finished by the runner's own commit.
            let clock = ManualClock(WallInstant(Date()))
            let store = CommitsBeforeExtensions(
                try await RunnerFixtures.store(
                    [RunnerFixtures.webhook("a", url: receiver.url("/a"))], clock: clock))
            let lines = FilteredFanOutTests.Lines()
            let logger = Logger(label: "runner-test") { _ in FilteredFanOutTests.Capture(sink: lines) }
            // Leases of 300 ms are extended every 200 ms (of real time), so several extensions start while commits
            // are under way.
            try await withRunner(
                store: store, clock: clock, allow: [receiver.allowTarget], lease: .milliseconds(300),
                logger: logger
            ) { intake in
                for index in 0..<30 {
                    let body = (0..<10).map {
                        String(decoding: RunnerFixtures.event(id: "AR-\(index)-\($0)"), as: UTF8.self)
                    }
                    let answer = try await post(
                        intake + "/v1/events/batch", Array(("[" + body.joined(separator: ",") + "]").utf8))
                    #expect(answer.status == 202, "\(answer)")
                    try await Task.sleep(for: .milliseconds(50))
                }
                try await eventually("every delivery was recorded", attempts: 3_000) {
                    try await store.queueSummary(now: Date()).rows.allSatisfy { $0.pending == 0 }
                }
            }
            #expect(receiver.log.all.count == 300, "each delivery sent once: none was dropped as another's")
            #expect(store.extensionsLosingSome > 0, "no extension met a commit of its own; the test proved nothing")
            let warned = lines.all.filter { $0.message.hasPrefix("leases lapsed") }
            #expect(warned.isEmpty, "\(warned.map { "\($0.message) \($0.metadata)" })")
        }
    }

    /// A store that takes claims and commits but cannot extend leases (an outage of that one call).
    final class NoExtensions: RunnerStore, InMemoryWrapper {
        let store: InMemoryStore
        init(_ store: InMemoryStore) { self.store = store }

        func extendLeases(
            _ deliveryIDs: [String], owner: String, lease: Duration, now: Date
        ) async throws(StoreError) -> Set<String> {
            throw .backend("extensions are down")
        }
    }

    /// With its extensions failing for longer than a lease, a runner's own send outlives its lease and the next
    /// claim hands the delivery to it again: that second copy is dropped, not sent beside the first.
    @Test func aRunnerDoesNotSendTwiceWhatItClaimedAgainAfterItsLeaseLapsed() async throws {
        try await withReceiver(routes: { router, _ in
            router.post("/slow") { _, _ -> Response in
                try await Task.sleep(for: .milliseconds(1_500))
                return Response(status: .ok)
            }
        }) { receiver in
            let store = NoExtensions(
                try await RunnerFixtures.store([RunnerFixtures.webhook("slow", url: receiver.url("/slow"))]))
            let lines = FilteredFanOutTests.Lines()
            let logger = Logger(label: "runner-test") { _ in FilteredFanOutTests.Capture(sink: lines) }
            try await withRunner(
                store: store, clock: SystemClock(), allow: [receiver.allowTarget], lease: .milliseconds(300),
                logger: logger
            ) { intake in
                let answer = try await post(intake + "/v1/events", RunnerFixtures.event())
                let id = try #require(answer.body?["delivery_ids"]?[0]?.stringValue)
                try await eventually("the delivery was delivered", attempts: 3_000) {
                    try await store.delivery(id: id)?.state == .delivered
                }
            }
            #expect(receiver.log.count(path: "/slow") == 1, "sent once, though claimed again while in flight")
            let warned = lines.all.filter { $0.message.hasPrefix("leases lapsed: this runner claimed again") }
            #expect(!warned.isEmpty, "the lease never lapsed; the test proved nothing")
        }
    }
}
