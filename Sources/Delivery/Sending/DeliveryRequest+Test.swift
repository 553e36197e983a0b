import Foundation
public import JSON
import Store
public import WebhookModel

extension DeliveryRequest {
    /// A one-off test send of `webhook` over `event`: trigger `Test`, attempt 1, and a fresh `test_…` event id, so it
    /// never shares a `webhook-id` with a delivered event. `hookctl test` and the console's Test both send this.
    public static func test(webhook: Webhook, secrets: ResolvedSecrets = ResolvedSecrets(), event: JSONValue) -> Self {
        DeliveryRequest(
            webhook: webhook, secrets: secrets, event: event, eventID: "test_" + UUID().uuidString.lowercased(),
            trigger: .test, attempt: 1)
    }
}
