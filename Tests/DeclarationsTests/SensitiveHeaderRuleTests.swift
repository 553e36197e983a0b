import Declarations
import TestSupport
import Testing
import WebhookModel

@Suite("sensitive headers")
struct SensitiveHeaderRuleTests {
    @Test func namesLikeCredentialsReferencesAndListedHeadersAreSensitive() throws {
        let set = try load(
            MarkedText(
                validDeclaration + """

                    headers:
                      Content-Type: application/json
                      X-Source: access-platform
                      X-Partner-Id: acme-0042
                      Cookie: session=abc
                      Proxy-Authorization: Basic eDp5
                      X-Custom: ${env:CUSTOM}
                    sensitive_headers: [x-partner-id]
                    """))
        #expect(!set.hasErrors, "\(set.diagnostics)")
        let headers = try #require(set.declarations.first?.webhook.headers)
        #expect(headers.map(\.isSensitive) == [false, false, true, true, true, true])
        #expect(headers.map(\.markedSensitive) == [false, false, true, false, false, false])
        for name in ["Authorization", "X-API-KEY", "X-Auth-Token", "X-Client-Secret", "X-Password", "X-Hub-Signature"] {
            #expect(Header.isCredentialName(name), "\(name)")
        }
        for name in ["Accept", "Content-Type", "X-Source", "X-Request-Id", "User-Agent"] {
            #expect(!Header.isCredentialName(name), "\(name)")
        }
    }

    @Test func literalSensitiveValuesWarnThatTheyAreTreatedAsSecrets() throws {
        try expectFinding(
            "secret.literal", .warning, in: validDeclaration + "\nheaders:\n  X-Api-Key: 1️⃣abc",
            message: "header X-Api-Key holds a credential in plain text; it will be treated as a secret")
        try expectFinding(
            "secret.literal", .warning,
            in: validDeclaration + "\nheaders:\n  X-Partner-Id: 1️⃣acme-0042\nsensitive_headers: [X-Partner-Id]",
            message: "header X-Partner-Id is listed in sensitive_headers but written in plain text; it will be treated")
        let set = try load(
            MarkedText(validDeclaration + "\nheaders:\n  X-Correlation: a8F3kQ9zL2mX7pR4tV6wY1bN5cD0eG"))
        let hint = try #require(set.diagnostics.first { $0.code == "secret.literal" })
        #expect(!hint.message.contains("treated as a secret"))
        #expect(hint.notes.contains("or list it to treat the value as a secret: sensitive_headers: [X-Correlation]"))
    }

    @Test func entriesMustNameDeclaredHeadersOnce() throws {
        try expectFinding(
            "sensitive_headers.unknown",
            in: validDeclaration + "\nheaders:\n  X-Partner-Id: a\n  Accept: b\nsensitive_headers: [1️⃣X-Partner-Idd]",
            message:
                "sensitive_headers lists \"X-Partner-Idd\", which is not a declared header; did you mean \"X-Partner-Id\"?"
        )
        let unknown = try load(MarkedText(validDeclaration + "\nheaders:\n  Accept: b\nsensitive_headers: [X-Nope]"))
        #expect(
            unknown.diagnostics.first { $0.code == "sensitive_headers.unknown" }?.notes == ["declared headers: Accept"])
        try expectFinding(
            "sensitive_headers.unknown", in: validDeclaration + "\nsensitive_headers: [1️⃣X-Partner-Id]",
            message: "which is not a declared header")
        try expectFinding(
            "sensitive_headers.duplicate",
            in: validDeclaration
                + "\nheaders:\n  X-Partner-Id: a\nsensitive_headers:\n  - X-Partner-Id\n  - 1️⃣x-partner-id",
            message: "header x-partner-id is listed twice in sensitive_headers")
        try expectFinding(
            "config.type", in: validDeclaration + "\nheaders:\n  X-Partner-Id: a\nsensitive_headers: 1️⃣X-Partner-Id",
            message: "sensitive_headers must be a list of header names")
        try expectFinding(
            "config.type", in: validDeclaration + "\nheaders:\n  X-Partner-Id: a\nsensitive_headers: [1️⃣{a: b}]",
            message: "each sensitive_headers entry must be a header name")
        try expectFinding(
            "config.unknown-key",
            in: validDeclaration + "\nheaders:\n  X-Partner-Id: a\n1️⃣sensitive_header: [X-Partner-Id]",
            message: "did you mean \"sensitive_headers\"?")
    }

    @Test func theAuthHeaderIsAlwaysASecret() throws {
        let set = try load(
            MarkedText(
                validDeclaration
                    + "\nauth:\n  type: api_key\n  header: DD-API-KEY\n  value: ${env:DD}\nsensitive_headers: [DD-API-KEY]"
            ))
        let finding = try #require(set.diagnostics.first { $0.code == "sensitive_headers.unknown" })
        #expect(finding.notes.contains { $0.contains("the header that auth sets is always treated as a secret") })
    }

    @Test func aValueRefusedForALineBreakIsHiddenWhateverItsHeadersName() throws {
        let text = MarkedText(
            validDeclaration + "\nheaders:\n  X-Partner-Id: 1️⃣\"p4rtner\\nsecret\"\nsensitive_headers: [X-Partner-Id]")
        let set = try load(text)
        #expect(set.diagnostics.contains { $0.code == "headers.value" })
        #expect(
            set.sensitiveSpans.map { [$0.line, $0.column] } == [[text.positions[1]!.line, text.positions[1]!.column]])
    }

    @Test func secretsWrittenInPlainTextAreMarkedForSourceExcerpts() throws {
        let text = MarkedText(
            validDeclaration + "\nheaders:\n  X-Api-Key: 1️⃣abc\n  Accept: json\nauth:\n  type: bearer\n  token: 2️⃣tok")
        let set = try load(text)
        let spans = set.sensitiveSpans.map { [$0.line, $0.column] }.sorted { $0.lexicographicallyPrecedes($1) }
        let expected = [1, 2].map { [text.positions[$0]!.line, text.positions[$0]!.column] }
        #expect(spans == expected)
    }
}
