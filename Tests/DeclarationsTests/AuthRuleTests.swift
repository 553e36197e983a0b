import Declarations
import TestSupport
import Testing
import WebhookModel

@Suite("auth")
struct AuthRuleTests {
    private func auth(_ block: String) -> String { validDeclaration + "\nauth:\n" + block }

    @Test func everyTypeLoads() throws {
        let cases: [(String, Auth)] = [
            ("  type: none", .none),
            (
                "  type: basic\n  username: svc-hookctl\n  password: ${env:PASSWORD}",
                .basic(username: .literal("svc-hookctl"), password: .reference(SecretRef(.env, "PASSWORD")))
            ),
            ("  type: bearer\n  token: ${file:token.txt}", .bearer(token: .reference(SecretRef(.file, "token.txt")))),
            (
                "  type: api_key\n  header: DD-API-KEY\n  value: ${env:DD_API_KEY}",
                .apiKey(header: "DD-API-KEY", value: .reference(SecretRef(.env, "DD_API_KEY")))
            ),
            (
                "  type: oauth2\n  token_url: https://login.example.com/oauth2/token\n  client_id: hookctl\n"
                    + "  client_secret: ${env:CLIENT_SECRET}\n  scopes: [events.write, tickets]\n  audience: https://api.example.com",
                .oauth2(
                    OAuth2ClientCredentials(
                        tokenURL: "https://login.example.com/oauth2/token", clientID: .literal("hookctl"),
                        clientSecret: .reference(SecretRef(.env, "CLIENT_SECRET")),
                        scopes: ["events.write", "tickets"],
                        audience: "https://api.example.com"))
            ),
        ]
        for (block, expected) in cases {
            let set = try load(MarkedText(auth(block)))
            #expect(set.diagnostics.isEmpty, "\(block): \(set.diagnostics)")
            #expect(set.declarations.first?.webhook.auth == expected)
        }
    }

    @Test func typeIsRequiredAndKnown() throws {
        try expectFinding(
            "auth.type", in: validDeclaration + "\nauth:\n  1️⃣token: ${env:T}", message: "auth needs a type")
        try expectFinding(
            "auth.type", in: auth("  type: 1️⃣barer\n  token: ${env:T}"), message: "did you mean \"bearer\"?")
    }

    @Test func missingAndUnknownFields() throws {
        try expectFinding("auth.missing-field", in: auth("  1️⃣type: basic\n  username: u"), message: "needs password")
        try expectFinding(
            "config.unknown-key", in: auth("  type: bearer\n  token: ${env:T}\n  1️⃣tokn: x"),
            message: "did you mean \"token\"?")
        try expectFinding("config.unknown-key", in: auth("  type: bearer\n  token: ${env:T}\n  1️⃣password: x"))
    }

    @Test func literalCredentialsWarn() throws {
        try expectFinding("secret.literal", .warning, in: auth("  type: bearer\n  token: 1️⃣abc123"))
        try expectFinding("secret.literal", .warning, in: auth("  type: basic\n  username: me\n  password: 1️⃣hunter2"))
    }

    @Test func oauthTokenURLFollowsTheURLRules() throws {
        try expectFinding(
            "url.scheme",
            in: auth(
                "  type: oauth2\n  token_url: 1️⃣http://login.example.com/token\n"
                    + "  client_id: a\n  client_secret: ${env:S}"), message: "auth.token_url")
        try expectFinding(
            "url.address",
            in: auth(
                "  type: oauth2\n  token_url: https://1️⃣10.1.1.1/token\n"
                    + "  client_id: a\n  client_secret: ${env:S}"))
        try expectFinding(
            "config.type",
            in: auth(
                "  type: oauth2\n  token_url: https://login.example.com/t\n"
                    + "  client_id: a\n  client_secret: ${env:S}\n  scopes: 1️⃣write"))
    }

    @Test func apiKeyHeaderMustBeSendable() throws {
        try expectFinding("headers.name", in: auth("  type: api_key\n  header: 1️⃣Content-Length\n  value: ${env:K}"))
    }
}
