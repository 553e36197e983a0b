import Foundation
import Testing
import WebhookModel

@Suite("Stored webhook documents")
struct WebhookCodingTests {
    static let webhook = Webhook(
        name: "jira", method: .post, url: "https://example.atlassian.net/hook", triggers: [.created, .granted],
        body: #"{"id": "{{data.id}}"}"#, signing: Signing(secrets: [.reference(SecretRef(.env, "KEY"))]),
        ordered: true)

    @Test func aWebhookSurvivesEncodingAndDecoding() throws {
        let data = try JSONEncoder().encode(Self.webhook)
        #expect(try JSONDecoder().decode(Webhook.self, from: data) == Self.webhook)
    }

    @Test func aDocumentWrittenBeforeOrderingExistedReadsAsUnordered() throws {
        var object = try #require(
            try JSONSerialization.jsonObject(with: try JSONEncoder().encode(Self.webhook)) as? [String: Any])
        #expect(object.removeValue(forKey: "ordered") as? Bool == true)
        let old = try JSONSerialization.data(withJSONObject: object)
        var expected = Self.webhook
        expected.ordered = false
        #expect(try JSONDecoder().decode(Webhook.self, from: old) == expected)
    }
}
