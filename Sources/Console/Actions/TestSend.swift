import AccessEvents
import Delivery
import Foundation
import Store
import WebhookModel

/// The console's Test: the live webhook, unsealed with the store key as the runner does, sent once over a trigger's
/// sample event through the one send path (`DeliveryRequest.test`, as `hookctl test`), and recorded in history.
struct TestSend: Sendable {
    let store: any ConsoleStore
    let key: StoreKey
    let sender: Sender
    let retention: Duration

    /// The recorded attempt, or why none was made.
    func send(_ live: LiveWebhook, trigger: Trigger, now: Date) async throws(StoreError) -> Invocation {
        let webhook = try live.state.unsealed(with: key)
        let invocation = await sender.send(.test(webhook: webhook, event: EventSamples.sample(for: trigger)))
        try await store.record(invocation, retention: retention, now: now)
        return invocation
    }
}
