import Foundation
public import Store
import Synchronization
import Testing
import WebhookModel

extension DeliveryQueueContract {
    static func filtered(_ name: String, _ filter: Filter?) -> StoredWebhook {
        var stored = webhook(name)
        stored.webhook.filter = filter
        return stored
    }

    /// Fan-out asks the caller's judge only about webhooks that have a filter, with the filter as applied (through
    /// the store's own encoding), queues nothing for those it refuses and names them; a filter changed or removed by
    /// a later apply, and one kept across disable/enable, take effect for the next event.
    public static func fanOutAppliesFiltersAndNamesTheWebhooksFilteredOut(
        _ make: StoreFactory<any Store>
    ) async throws {
        let onlyAR1 = Filter(all: [.init(.named(.integration), ["prod db"]), .init(.path("data.id"), ["ar-k1"])])
        let notAR1 = Filter(none: [.init(.named(.requesterEmail), ["*@contractor.example"])])
        let (store, clock, now) = try await started(
            make, with: [webhook("plain"), filtered("only", onlyAR1), filtered("except", notAR1)])
        let asked = Mutex<[String: Filter]>([:])
        // The judge stands in for AccessEvents' matcher: it passes `only` for request ar-k1, `except` for none.
        let judge = FanOutFilter { event, filter in
            asked.withLock { $0[event.accessRequestID + "/" + (filter == onlyAR1 ? "only" : "except")] = filter }
            return filter == onlyAR1 && event.accessRequestID == "ar-k1"
        }
        let answers = try await store.enqueue([event("k1", at: now), event("k2", at: now)], now: now, filter: judge)
        #expect(answers[0].filteredOut == ["except"])
        #expect(answers[1].filteredOut == ["except", "only"])
        #expect(
            asked.withLock { $0 } == [
                "ar-k1/only": onlyAR1, "ar-k1/except": notAR1, "ar-k2/only": onlyAR1, "ar-k2/except": notAR1,
            ])
        var targets: [[String]] = []
        for answer in answers {
            var names: [String] = []
            for id in answer.deliveryIDs { names.append(try #require(try await store.delivery(id: id)).webhook) }
            targets.append(names.sorted())
        }
        #expect(targets == [["only", "plain"], ["plain"]])
        #expect(try await queueRow("except", of: store, now: now).pending == 0)

        // Without a judge, a filtered webhook receives nothing; a duplicate names nobody.
        let unjudged = try await store.enqueue([event("k3", at: now), event("k1", at: now)], now: now)
        #expect(unjudged[0].filteredOut == ["except", "only"] && unjudged[0].deliveryIDs.count == 1)
        #expect(unjudged[1].duplicate && unjudged[1].filteredOut.isEmpty)

        // Removing `only`'s filter and disabling then enabling `except` (its filter stays) apply to the next event.
        try await apply([filtered("only", nil)], to: store)
        try await store.setActive("except", false)
        try await store.setActive("except", true)
        clock.advance(by: .seconds(1))
        let later = try await store.enqueue([event("k4", at: now)], now: clock.now.date, filter: judge)
        #expect(later[0].filteredOut == ["except"])
        #expect(later[0].deliveryIDs.count == 2)
        #expect(asked.withLock { $0["ar-k4/only"] } == nil, "a webhook without a filter is never judged")
    }
}
