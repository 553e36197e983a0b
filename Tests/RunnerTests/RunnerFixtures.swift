import AccessEvents
import Delivery
import Foundation
import JSON
import Store
import StoreContracts
import WebhookModel

/// Events, webhooks and stores for the runner's tests.
enum RunnerFixtures {
    static let token = "test-ingest-token-0123456789"

    /// The sample event for `trigger` with its `data.id` and `event_time` changed, as JSON bytes.
    static func event(_ trigger: Trigger = .created, id: String = "123", time: Double = 1_696_263_265.5) -> [UInt8] {
        guard case .object(var object) = EventSamples.sample(for: trigger) else { return [] }
        object["event_time"] = .number(time)
        if case .object(var data)? = object["data"] {
            data["id"] = .string(id)
            object["data"] = .object(data)
        }
        return JSONValue.object(object).serialized()
    }

    /// A webhook posting `{"id": …, "type": …}` to `url`, for `triggers`, with a fast retry schedule.
    static func webhook(
        _ name: String, url: String, triggers: [Trigger] = [.created], active: Bool = true,
        retry: RetryPolicy = RetryPolicy(maxAttempts: 3, schedule: [.seconds(30)])
    ) -> StoredWebhook {
        StoredWebhook(
            webhook: Webhook(
                name: name, active: active, method: .post, url: url, triggers: triggers,
                body: #"{"id": "{{data.id}}", "type": "{{event_type}}"}"#, timeout: .seconds(5), retry: retry),
            secrets: [:])
    }

    /// A store holding `webhooks`.
    static func store(_ webhooks: [StoredWebhook], clock: any WallClock = SystemClock()) async throws -> InMemoryStore {
        let store = InMemoryStore(clock: clock)
        try await store.commit(Fixtures.changes(against: try await store.snapshot(), upserts: webhooks))
        return store
    }
}
