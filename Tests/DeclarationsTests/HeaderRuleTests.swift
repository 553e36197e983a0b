import Declarations
import TestSupport
import Testing
import WebhookModel

@Suite("headers")
struct HeaderRuleTests {
    @Test func headersLoadInOrderWithReferences() throws {
        let set = try load(
            MarkedText(
                validDeclaration + """

                    headers:
                      Accept: application/json
                      X-Api-Key: ${env:API_KEY}
                      X-Token-File: ${file:secrets/token}
                    """))
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
        #expect(
            set.declarations.first?.webhook.headers == [
                Header(name: "Accept", value: .literal("application/json")),
                Header(name: "X-Api-Key", value: .reference(SecretRef(.env, "API_KEY"))),
                Header(name: "X-Token-File", value: .reference(SecretRef(.file, "secrets/token"))),
            ])
    }

    @Test func atMostTenHeaders() throws {
        let headers = (1...10).map { "  X-H\($0): v" }.joined(separator: "\n")
        try expectFinding(
            "headers.too-many", in: validDeclaration + "\nheaders:\n" + headers + "\n  1️⃣X-H11: v",
            message: "11 headers declared; a webhook may send at most 10")
        #expect(try load(MarkedText(validDeclaration + "\nheaders:\n" + headers)).diagnostics.isEmpty)
    }

    @Test func headerNamesAreTokens() throws {
        try expectFinding("headers.name", in: validDeclaration + "\nheaders:\n  1️⃣\"X Bad\": v")
        try expectFinding("headers.name", in: validDeclaration + "\nheaders:\n  1️⃣\"X:Colon\": v")
    }

    @Test func headerValuesAreOneLine() throws {
        try expectFinding(
            "headers.value", in: validDeclaration + "\nheaders:\n  X-A: 1️⃣\"a\\r\\nInjected: yes\"",
            message: "carriage return")
        try expectFinding(
            "headers.value", in: validDeclaration + "\nheaders:\n  X-A: 1️⃣|\n    multi\n    line",
            message: "line feed")
        try expectFinding("headers.value", in: validDeclaration + "\nheaders:\n  X-A: 1️⃣\"nul\\0byte\"", message: "NUL")
    }

    @Test func duplicatesIgnoringCase() throws {
        try expectFinding(
            "headers.duplicate", in: validDeclaration + "\nheaders:\n  X-Source: a\n  1️⃣x-source: b",
            message: "declared twice")
    }

    @Test(arguments: ["Host", "content-length", "Transfer-Encoding", "Connection"])
    func reservedHeaders(name: String) throws {
        try expectFinding("headers.reserved", in: validDeclaration + "\nheaders:\n  1️⃣\(name): x")
    }

    @Test(arguments: ["webhook-id", "Webhook-Timestamp", "webhook-signature"])
    func standardWebhooksHeadersConflictWithSigning(name: String) throws {
        try expectFinding(
            "headers.signing-conflict",
            in: validDeclaration + """

                headers:
                  1️⃣\(name): x
                signing:
                  secret: ${env:SIGNING_SECRET}
                """, message: "header \(name) conflicts with signing, which sets it")
        // Without signing they are ordinary headers.
        let set = try load(MarkedText(validDeclaration + "\nheaders:\n  \(name): x"))
        #expect(!set.diagnostics.contains { $0.code == "headers.signing-conflict" })
    }

    @Test func authorizationHeaderConflictsWithAuth() throws {
        try expectFinding(
            "headers.auth-conflict",
            in: validDeclaration + """

                headers:
                  1️⃣Authorization: ${env:TOKEN}
                auth:
                  type: bearer
                  token: ${env:TOKEN}
                """)
        try expectFinding(
            "headers.auth-conflict",
            in: validDeclaration + """

                headers:
                  1️⃣DD-API-KEY: ${env:KEY}
                auth:
                  type: api_key
                  header: DD-API-KEY
                  value: ${env:KEY}
                """)
    }

    @Test func literalCredentialsWarn() throws {
        try expectFinding(
            "secret.literal", .warning, in: validDeclaration + "\nheaders:\n  Authorization: 1️⃣Bearer abc.def",
            message: "a bearer credential")
        try expectFinding(
            "secret.literal", .warning,
            in: validDeclaration + "\nheaders:\n  X-Correlation: 1️⃣a8F3kQ9zL2mX7pR4tV6wY1bN5cD0eG",
            message: "random token")
        try expectFinding("secret.literal", .warning, in: validDeclaration + "\nheaders:\n  X-Api-Key: 1️⃣abc")
        let plain = try load(
            MarkedText(validDeclaration + "\nheaders:\n  Accept: application/json\n  X-Source: access-platform"))
        #expect(plain.diagnostics.isEmpty)
    }

    @Test func referenceSyntax() throws {
        try expectFinding(
            "secret.syntax", in: validDeclaration + "\nheaders:\n  X-Api-Key: 1️⃣${vault:key}",
            message: "unknown reference kind \"vault\"")
        try expectFinding("secret.syntax", in: validDeclaration + "\nheaders:\n  X-Api-Key: 1️⃣${env:1BAD}")
        try expectFinding("secret.syntax", in: validDeclaration + "\nheaders:\n  X-Api-Key: 1️⃣${env:KEY")
        try expectFinding(
            "secret.syntax", in: validDeclaration + "\nheaders:\n  X-Api-Key: 1️⃣Splunk ${env:KEY}",
            message: "must be the whole value")
    }
}
