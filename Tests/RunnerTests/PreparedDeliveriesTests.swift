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

    @Test func anEventIsParsedFromItsPayloadAndABadOneFails() throws {
        let prepared = PreparedDeliveries(key: key)
        func event(_ id: String, _ payload: String) -> AcceptedEvent {
            AcceptedEvent(
                id: id, idempotencyKey: id, trigger: .created, accessRequestID: id, eventTime: Date(),
                payload: Array(payload.utf8), receivedAt: Date())
        }
        #expect(try prepared.event(event("evt_a", #"{"a": 1}"#)) == ["a": 1])
        #expect(try prepared.event(event("evt_a", #"{"a": 1}"#)) == ["a": 1])
        #expect(try prepared.event(event("evt_b", #"{"b": [true]}"#)) == ["b": [true]])
        #expect(throws: JSONParseError.self) { try prepared.event(event("evt_c", "{")) }
    }
}
