import Foundation
import Store
import Testing
import WebhookModel

@Suite("Store key")
struct StoreKeyTests {
    @Test func sealsAndOpensWithRandomNonces() throws {
        let key = try StoreKey(base64: StoreKey.generateBase64())
        let a = key.seal("value")
        let b = key.seal("value")
        #expect(a.ciphertext != b.ciphertext)
        #expect(a.fingerprint == b.fingerprint)
        #expect(try key.open(a) == "value")
        #expect(!a.ciphertext.contains("value"))
    }

    @Test func fingerprintsAreKeyed() throws {
        let one = try StoreKey(base64: StoreKey.generateBase64())
        let two = try StoreKey(base64: StoreKey.generateBase64())
        #expect(one.fingerprint("v") != two.fingerprint("v"))
        #expect(one.fingerprint("v") != one.fingerprint("w"))
        #expect(throws: StoreError.wrongKey) { try two.open(one.seal("v")) }
    }

    /// A plan's tag holds only under the key that made it, for the very bytes it was made for; it is not the
    /// secrets' fingerprint (a subkey of its own).
    @Test func planTagsAreKeyedAndBoundToTheirBytes() throws {
        let one = try StoreKey(base64: StoreKey.generateBase64())
        let two = try StoreKey(base64: StoreKey.generateBase64())
        let bytes = Data(#"{"changes":[]}"#.utf8)
        let tag = one.planTag(bytes)
        #expect(tag.count == 64)
        #expect(one.isPlanTag(tag, of: bytes))
        #expect(!two.isPlanTag(tag, of: bytes))
        #expect(!one.isPlanTag(tag, of: Data(#"{"changes":[1]}"#.utf8)))
        #expect(!one.isPlanTag(String(tag.dropLast()), of: bytes))
        #expect(!one.isPlanTag("zz" + tag.dropFirst(2), of: bytes))
        #expect(tag != one.fingerprint(#"{"changes":[]}"#))
    }

    @Test func rejectsMalformedKeys() {
        #expect(throws: StoreError.self) { try StoreKey(base64: "not base64!") }
        #expect(throws: StoreError.self) { try StoreKey(base64: Data(count: 16).base64EncodedString()) }
    }

    @Test func sealingRedactsSensitiveLiteralsAndKeepsReferences() throws {
        let key = try StoreKey(base64: StoreKey.generateBase64())
        var webhook = Webhook(name: "a", method: .post, url: "https://x.example", triggers: [.created], body: "{}")
        webhook.headers = [
            Header(name: "Content-Type", value: .literal("application/json")),
            Header(name: "X-Key", value: .reference(SecretRef(.file, "key.txt"))),
        ]
        webhook.auth = .bearer(token: .literal("inline-token"))
        let state = StoredWebhook(sealing: webhook, resolved: ["headers.X-Key": "from-file"], key: key)
        #expect(state.webhook.headers[0].value == .literal("application/json"))
        #expect(state.webhook.headers[1].value == .reference(SecretRef(.file, "key.txt")))
        #expect(state.webhook.auth == .bearer(token: SecretField.redacted))
        #expect(Set(state.secrets.keys) == ["headers.X-Key", "auth.token"])
        #expect(state.secrets["auth.token"]?.fingerprint == key.fingerprint("inline-token"))
    }
}
