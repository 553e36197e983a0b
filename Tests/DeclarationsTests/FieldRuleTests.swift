import Declarations
import TestSupport
import Testing
import WebhookModel

@Suite("Top-level fields")
struct FieldRuleTests {
    @Test func validDeclarationLoadsWithDefaults() throws {
        let set = try load(MarkedText(validDeclaration))
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
        let webhook = try #require(set.declarations.first?.webhook)
        #expect(webhook.name == "jira-access-requests")
        #expect(webhook.active)
        #expect(webhook.method == .post)
        #expect(webhook.triggers == [.created, .approved])
        #expect(webhook.escape == .json)
        #expect(webhook.timeout == .seconds(10))
        #expect(webhook.retry == .standard)
        #expect(webhook.retry.maxAttempts == 10)
        // The file ends without a newline, so the clipped literal block has none either.
        #expect(webhook.body == "{\"summary\": \"{{data.requester.name}} requested access\"}")
        #expect(webhook.protect == false)
        #expect(webhook.ordered == false)
        #expect(webhook.signing == nil)
    }

    @Test func orderedIsABoolean() throws {
        let set = try load(MarkedText(validDeclaration + "\nordered: true"))
        #expect(set.declarations.first?.webhook.ordered == true)
        try expectFinding(
            "config.type", in: validDeclaration + "\nordered: 1️⃣yes",
            message: "ordered must be true or false; \"yes\" is not a boolean in YAML 1.2")
    }

    @Test func unknownKeySuggestsTheNearest() throws {
        try expectFinding(
            "config.unknown-key", in: validDeclaration + "\n1️⃣retires:\n  max_attempts: 3",
            message: "unknown key \"retires\"; did you mean \"retry\"?")
        try expectFinding(
            "config.unknown-key", in: validDeclaration + "\n1️⃣tigger: x", message: "did you mean \"triggers\"?")
        try expectFinding(
            "config.unknown-key", in: validDeclaration + "\n1️⃣escaping: json", message: "did you mean \"escape\"?")
    }

    @Test func missingRequiredKeysPointAtTheDocument() throws {
        try expectFinding(
            "config.missing-key", in: "1️⃣method: POST\nurl: https://a.example.com/x\ntriggers: [Created]\nbody: '{}'",
            message: "missing required key \"name\"")
        try expectFinding(
            "config.missing-key", in: "---\n1️⃣name: x\nurl: https://a.example.com/x\ntriggers: [Created]\nbody: '{}'",
            message: "\"method\"")
    }

    @Test func documentThatIsNotAMappingIsRefused() throws {
        try expectFinding("config.type", in: "1️⃣- name: x\n", message: "got a list")
    }

    @Test(arguments: [
        ("name: 1️⃣jira access", "contains a space"),
        ("name: 1️⃣jira/prod", "contains \"/\""),
        ("name: 1️⃣\(String(repeating: "a", count: 65))", "65 characters"),
        ("name: 1️⃣\"\"", "is empty"),
    ])
    func invalidNames(line: String, message: String) throws {
        let yaml = validDeclaration.replacingOccurrences(of: "name: jira-access-requests", with: line)
        try expectFinding("name.invalid", in: yaml, message: message)
    }

    @Test func nameOfSixtyFourCharactersIsAccepted() throws {
        let yaml = validDeclaration.replacingOccurrences(
            of: "jira-access-requests", with: String(repeating: "a", count: 64))
        #expect(try load(MarkedText(yaml)).diagnostics.isEmpty)
    }

    @Test func lowerCaseMethodSuggestsTheFix() throws {
        let yaml = validDeclaration.replacingOccurrences(of: "method: POST", with: "method: 1️⃣post")
        try expectFinding("method.case", in: yaml, message: "must be upper case")
        let set = try load(MarkedText(yaml))
        #expect(set.diagnostics.first?.notes == ["write method: POST"])
    }

    @Test func unsupportedMethod() throws {
        let yaml = validDeclaration.replacingOccurrences(of: "method: POST", with: "method: 1️⃣PATCH")
        try expectFinding("method.invalid", in: yaml, message: "unsupported method \"PATCH\"")
    }

    @Test(arguments: [
        ("active: 1️⃣\"yes\"", "got a string"),
        ("active: 1️⃣yes", "\"yes\" is not a boolean in YAML 1.2"),
        ("active: 1️⃣[true]", "got a list"),
        ("active: 1️⃣\"true\"", "got a string"),
    ])
    func activeMustBeABoolean(line: String, message: String) throws {
        try expectFinding("config.type", in: validDeclaration + "\n" + line, message: message)
    }

    @Test func inactiveWebhook() throws {
        let set = try load(MarkedText(validDeclaration + "\nactive: false\nprotect: true"))
        #expect(set.declarations.first?.webhook.active == false)
        #expect(set.declarations.first?.webhook.protect == true)
    }

    @Test func triggersMustBeAList() throws {
        let yaml = validDeclaration.replacingOccurrences(
            of: "triggers: [Created, Approved]", with: "triggers: 1️⃣Created")
        try expectFinding("config.type", in: yaml, message: "triggers must be a list; got a string")
        #expect(try load(MarkedText(yaml)).diagnostics.first?.notes == ["write a list: triggers: [Created]"])
    }

    @Test func triggerRules() throws {
        func with(_ triggers: String) -> String {
            validDeclaration.replacingOccurrences(of: "triggers: [Created, Approved]", with: triggers)
        }
        try expectFinding("triggers.empty", in: with("triggers: 1️⃣[]"))
        try expectFinding(
            "triggers.unknown", in: with("triggers: [Created, 1️⃣Aproved]"), message: "did you mean \"Approved\"?")
        try expectFinding("triggers.duplicate", in: with("triggers:\n  - Created\n  - 1️⃣Created"))
        try expectFinding("triggers.event-type", .warning, in: with("triggers: [1️⃣AccessRequestGranted]"))
    }

    @Test func escapeMode() throws {
        try expectFinding("escape.invalid", in: validDeclaration + "\nescape: 1️⃣htm", message: "did you mean \"html\"?")
        let set = try load(MarkedText(validDeclaration + "\nescape: none"))
        #expect(set.declarations.first?.webhook.escape == Webhook.Escape.none)
    }

    @Test func timeoutRules() throws {
        try expectFinding("duration.invalid", in: validDeclaration + "\ntimeout: 1️⃣ten seconds")
        try expectFinding("duration.invalid", in: validDeclaration + "\ntimeout: 1️⃣10")
        try expectFinding("timeout.range", in: validDeclaration + "\ntimeout: 1️⃣31s")
        try expectFinding("timeout.range", in: validDeclaration + "\ntimeout: 1️⃣999ms")
        try expectFinding(
            "timeout.range", in: validDeclaration + "\ntimeout: 1️⃣99999h",
            message: "timeout 99999h is out of range; it must be from 1s to 30s")
        let set = try load(MarkedText(validDeclaration + "\ntimeout: 1500ms"))
        #expect(set.declarations.first?.webhook.timeout == .milliseconds(1500))
    }

    /// Every mistake in a retry block is reported at once, not only the first.
    @Test func everyMistakeInARetryBlockIsReported() throws {
        let text = MarkedText(
            validDeclaration + "\nretry:\n  max_attempts: 1️⃣0\n  schedule: [2️⃣soon, 5s, 3️⃣200h, 4️⃣9d]")
        let set = try load(text)
        let found = set.diagnostics.map { "\($0.code)@\($0.location?.line ?? 0):\($0.location?.column ?? 0)" }
        let expected = [("retry.range", 1), ("duration.invalid", 2), ("retry.range", 3), ("retry.range", 4)].map {
            "\($0.0)@\(text.positions[$0.1]!.line):\(text.positions[$0.1]!.column)"
        }
        #expect(found.sorted() == expected.sorted(), "\(set.diagnostics)")
        #expect(set.declarations.isEmpty)
    }

    /// Every mistake in an oauth2 block, and in each signing secret, is reported at once.
    @Test func everyMistakeInAnAuthAndASigningBlockIsReported() throws {
        let text = MarkedText(
            validDeclaration + """

                auth:
                  type: oauth2
                  token_url: 1️⃣http://login.example.com/token
                  client_id: 2️⃣${env:}
                  client_secret: ${env:S}
                  scopes: 3️⃣read
                signing:
                  secrets: [4️⃣"${env:A", 5️⃣"${file:}"]
                """)
        let set = try load(text)
        let found = set.diagnostics.filter { $0.severity == .error }.map {
            "\($0.code)@\($0.location?.line ?? 0):\($0.location?.column ?? 0)"
        }
        let expected = [
            ("url.scheme", 1), ("secret.syntax", 2), ("config.type", 3), ("secret.syntax", 4),
            ("secret.syntax", 5),
        ].map { "\($0.0)@\(text.positions[$0.1]!.line):\(text.positions[$0.1]!.column)" }
        #expect(found.sorted() == expected.sorted(), "\(set.diagnostics)")
    }

    @Test func anAPIKeyBlockReportsItsHeaderAndItsValue() throws {
        let text = MarkedText(
            validDeclaration + "\nauth:\n  type: api_key\n  header: 1️⃣Bad Header\n  value: 2️⃣${env:}")
        let set = try load(text)
        let found = set.diagnostics.map { "\($0.code)@\($0.location?.line ?? 0):\($0.location?.column ?? 0)" }
        #expect(
            found.sorted()
                == [("headers.name", 1), ("secret.syntax", 2)].map {
                    "\($0.0)@\(text.positions[$0.1]!.line):\(text.positions[$0.1]!.column)"
                }.sorted(), "\(set.diagnostics)")
    }

    @Test func retryRules() throws {
        try expectFinding("retry.range", in: validDeclaration + "\nretry:\n  max_attempts: 1️⃣21")
        try expectFinding("retry.range", in: validDeclaration + "\nretry:\n  max_attempts: 1️⃣0")
        try expectFinding(
            "config.type", in: validDeclaration + "\nretry:\n  max_attempts: 1️⃣three",
            message: "retry.max_attempts must be a whole number in decimal, such as 5; got a string (three)")
        try expectFinding("duration.invalid", in: validDeclaration + "\nretry:\n  schedule: [5s, 1️⃣soon]")
        try expectFinding(
            "retry.range", in: validDeclaration + "\nretry:\n  schedule: [5s, 1️⃣200h]",
            message: "a retry delay of 200h is longer than 7 days")
        try expectFinding(
            "config.unknown-key", in: validDeclaration + "\nretry:\n  1️⃣max_attempt: 3",
            message: "did you mean \"max_attempts\"?")
        try expectFinding(
            "retry.unused-delay", .warning, in: validDeclaration + "\nretry:\n  max_attempts: 2\n  schedule: 1️⃣[1s, 2s]")
        let set = try load(MarkedText(validDeclaration + "\nretry:\n  schedule: [10s, 1m]"))
        #expect(
            set.declarations.first?.webhook.retry
                == RetryPolicy(maxAttempts: 3, schedule: [.seconds(10), .seconds(60)]))
        let attemptsOnly = try load(MarkedText(validDeclaration + "\nretry:\n  max_attempts: 1"))
        #expect(attemptsOnly.declarations.first?.webhook.retry.maxAttempts == 1)
    }

    /// What a number that is not a decimal whole number is, said for each way YAML lets one be written.
    @Test(arguments: [
        ("0x10", "0x10 is not written in decimal; write 16"),
        ("-0o7", "-0o7 is not written in decimal; write -7"),
        ("3.0", "3.0 is not written as a whole number; write 3"),
        ("1e1", "1e1 is not written as a whole number; write 10"),
        ("99999999999999999999", "99999999999999999999 is too large"),
        ("2.5", "got a number (2.5)"),
        (String(repeating: "9", count: 60), String(repeating: "9", count: 40) + "… is too large"),
    ])
    func aNumberThatIsNotAWholeDecimalSaysWhy(written: String, why: String) throws {
        try expectFinding(
            "config.type", in: validDeclaration + "\nretry:\n  max_attempts: 1️⃣" + written,
            message: "retry.max_attempts must be a whole number in decimal, such as 5; " + why)
    }

    @Test func signingRules() throws {
        let goodSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        let set = try load(MarkedText(validDeclaration + "\nsigning:\n  secret: ${env:SIGNING_SECRET}"))
        #expect(set.diagnostics.isEmpty)
        #expect(
            set.declarations.first?.webhook.signing == Signing(secrets: [.reference(SecretRef(.env, "SIGNING_SECRET"))])
        )
        try expectFinding("signing.secret", in: validDeclaration + "\nsigning:\n  secret: 1️⃣not-a-secret")
        try expectFinding("secret.literal", .warning, in: validDeclaration + "\nsigning:\n  secret: 1️⃣\(goodSecret)")
        try expectFinding("signing.missing-secret", in: validDeclaration + "\nsigning: 1️⃣{}")
        try expectFinding(
            "config.type", in: validDeclaration + "\nsigning:\n  secrets: 1️⃣[\"${env:A}\", \"${env:B}\", \"${env:C}\"]")
        let rotating = try load(
            MarkedText(validDeclaration + "\nsigning:\n  secrets: [\"${env:NEW}\", \"${env:OLD}\"]"))
        #expect(rotating.declarations.first?.webhook.signing?.secrets.count == 2)
    }

    @Test func fieldLocationsAreRecorded() throws {
        let set = try load(MarkedText(validDeclaration + "\nauth:\n  type: bearer\n  token: ${env:TOKEN}"))
        let declaration = try #require(set.declarations.first)
        #expect(
            declaration.location(of: "auth.token") == SourceLocation(file: "webhooks.d/hooks.yaml", line: 9, column: 10)
        )
        #expect(declaration.location(of: "url") == SourceLocation(file: "webhooks.d/hooks.yaml", line: 3, column: 6))
        #expect(declaration.secretFields.map(\.path) == ["auth.token"])
    }
}
