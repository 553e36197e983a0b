import Foundation
import JSON
import Store
import Testing
import WebhookModel

@testable import Runner

/// Webhook versions unsealed once and events parsed once, without ever sending one as another.
@Suite struct PreparedDeliveriesTests {
    let key = try! StoreKey(base64: StoreKey.generateBase64())

    func sealed(body: String, secret: String) -> StoredWebhook {
        var webhook = RunnerFixtures.webhook("w", url: "https://example.com/in").webhook
        webhook.body = body
        webhook.signing = Signing(secrets: [.literal(secret)])
        return StoredWebhook(sealing: webhook, resolved: [:], key: key)
    }

    @Test func aWebhookVersionComesBackUnsealedAndAChangedOneIsNotTakenForIt() throws {
        let prepared = PreparedDeliveries(key: key)
        let first = sealed(body: #"{"v": 1}"#, secret: "whsec_first")
        #expect(try prepared.webhook(first) == first.unsealed(with: key))
        #expect(try prepared.webhook(first).signing?.secrets == [.literal("whsec_first")])
        let changed = sealed(body: #"{"v": 2}"#, secret: "whsec_second")
        #expect(try prepared.webhook(changed).body == #"{"v": 2}"#)
        #expect(try prepared.webhook(changed).signing?.secrets == [.literal("whsec_second")])
        #expect(try prepared.webhook(first).body == #"{"v": 1}"#)
        // Past the bound the kept versions are dropped, and still every one comes back as it is.
        for index in 0..<(PreparedDeliveries.maxWebhooks + 10) {
            #expect(try prepared.webhook(sealed(body: "{\"v\": \(index)}", secret: "s")).body == "{\"v\": \(index)}")
        }
    }

    @Test func eachDeliveryComesWithItsEventParsedOrWithWhyItEnds() throws {
        let prepared = PreparedDeliveries(key: key)
        let webhook = sealed(body: #"{"v": 1}"#, secret: "whsec_first")
        func claimed(
            _ id: String, event: String, _ payload: String, standing: ClaimedDelivery.WebhookStanding = .live
        ) -> ClaimedDelivery {
            ClaimedDelivery(
                delivery: QueuedDelivery(
                    id: id, eventID: event, webhook: "w", webhookVersion: 1, trigger: .created, attemptsMade: 0,
                    dueAt: Date(), state: .pending, lastFailure: nil, createdAt: Date()),
                event: AcceptedEvent(
                    id: event, idempotencyKey: event, trigger: .created, accessRequestID: event, eventTime: Date(),
                    payload: Array(payload.utf8), receivedAt: Date()),
                webhook: webhook, standing: standing, leaseExpiresAt: Date())
        }
        let ready = prepared.prepare([
            claimed("d1", event: "evt_a", #"{"a": 1}"#), claimed("d2", event: "evt_a", #"{"a": 1}"#),
            claimed("d3", event: "evt_b", #"{"b": [true]}"#), claimed("d4", event: "evt_c", "{"),
            claimed("d5", event: "evt_d", "{}", standing: .deleted),
            claimed("d6", event: "evt_e", "{}", standing: .disabled),
        ])
        #expect(ready.map(\.id) == ["d1", "d2", "d3", "d4", "d5", "d6"])
        func parsed(_ index: Int) -> JSONValue? {
            guard case .send(let sent, let event) = ready[index].preparation else { return nil }
            #expect(sent.signing?.secrets == [.literal("whsec_first")])
            return event
        }
        func reason(_ index: Int) -> String? {
            guard case .end(let reason) = ready[index].preparation else { return nil }
            return reason
        }
        #expect(parsed(0) == ["a": 1])
        #expect(parsed(1) == ["a": 1])
        #expect(parsed(2) == ["b": [true]])
        #expect(reason(3)?.hasPrefix("cannot prepare the delivery: ") == true)
        #expect(reason(4) == "webhook deleted")
        #expect(reason(5) == "webhook disabled")
    }
}
