import Foundation
public import Store
import Testing

extension DeliveryQueueContract {
    /// The console's summaries count what one commit of many attempts recorded: several attempts of one webhook
    /// in one hour and in the next, the newest of them its last, an older one committed after it not; and the same
    /// commit made again (after a commit that did land, but whose answer was lost) counts nothing twice.
    public static func aCommitOfManyAttemptsKeepsTheSummariesRight(_ make: StoreFactory<any Store>) async throws {
        let (store, clock, t0) = try await started(make, with: [webhook("a"), webhook("b")])
        let hour = t0.timeIntervalSince1970 - t0.timeIntervalSince1970.truncatingRemainder(dividingBy: 3600)
        _ = try await store.enqueue((0..<4).map { event("k\($0)", at: t0) }, now: t0)
        let claimed = try await store.claim(lane: .first, limit: 20, owner: "w", lease: lease, now: t0)
        #expect(claimed.count == 8)
        // Per webhook: attempts at +10 s, +20 s (a failure) and +3,610 s (the next hour, the newest), then one at
        // +5 s committed last.
        let offsets: [TimeInterval] = [10, 20, 3_610, 5]
        var results: [AttemptResult] = []
        for name in ["a", "b"] {
            let mine = claimed.filter { $0.delivery.webhook == name }
            for (one, offset) in zip(mine, offsets) {
                let failed = offset == 20
                results.append(
                    AttemptResult(
                        deliveryID: one.delivery.id,
                        invocation: invocation(
                            for: one, at: Date(timeIntervalSince1970: hour + offset),
                            status: failed ? .failure : .success),
                        outcome: failed ? .failed(reason: "HTTP 503") : .delivered))
            }
        }
        let now = clock.now.date
        try await store.finish(results, owner: "w", now: now)
        try await store.finish(results, owner: "w", now: now)

        let everything = try await store.invocationSummaries(since: Date(timeIntervalSince1970: 0))
        let nextHour = try await store.invocationSummaries(since: Date(timeIntervalSince1970: hour + 3_600))
        for name in ["a", "b"] {
            #expect(
                everything[name]
                    == InvocationSummary(
                        webhook: name, lastStartedAt: Date(timeIntervalSince1970: hour + 3_610), lastStatus: .success,
                        successes: 3, failures: 1), "\(name)")
            #expect(nextHour[name]?.successes == 1 && nextHour[name]?.failures == 0, "\(name)")
            #expect(try await store.invocations(InvocationQuery(webhook: name, limit: 100)).count == 4)
        }
    }
}
