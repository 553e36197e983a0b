import Testing
import WebhookModel

@Suite("Durations, references, triggers, names")
struct ValueTests {
    @Test(arguments: [
        ("10s", 10_000), ("1500ms", 1_500), ("5m", 300_000), ("2h", 7_200_000), ("1d", 86_400_000),
        ("1h30m", 5_400_000),
        ("0s", 0),
    ])
    func parsesDurations(text: String, milliseconds: Int64) throws {
        let duration = try #require(DurationText.parse(text))
        #expect(duration.milliseconds == milliseconds)
    }

    @Test(arguments: [
        "", "10", "s", "1.5s", "-1s", "10 s", "10sec", "1h 30m", "99999999999s", "1s1s", "1500ms1s", "30m1h", "010s",
    ])
    func refusesBadDurations(text: String) {
        #expect(DurationText.parse(text) == nil, "\(text)")
    }

    @Test(arguments: [
        (10_000, "10s"), (1_500, "1500ms"), (90_000, "1m30s"), (86_400_000, "1d"), (0, "0s"), (300_000, "5m"),
    ])
    func formatsDurations(milliseconds: Int64, text: String) {
        #expect(DurationText.format(.milliseconds(milliseconds)) == text)
    }

    @Test func secretReferences() {
        #expect(SecretRef.parse("plain") == nil)
        #expect(SecretRef.parse("${env:API_TOKEN}") == .success(SecretRef(.env, "API_TOKEN")))
        #expect(SecretRef.parse("${file:secrets/token.txt}") == .success(SecretRef(.file, "secrets/token.txt")))
        for bad in ["${env:}", "${env:9X}", "${env:A-B}", "${vault:x}", "${env:X", "${X}", "${file:}"] {
            guard case .failure? = SecretRef.parse(bad) else {
                Issue.record("\(bad) should be a syntax error")
                continue
            }
        }
        #expect(SecretRef(.env, "X").description == "${env:X}")
        #expect(SecretValue.reference(SecretRef(.file, "t")).declaredText == "${file:t}")
    }

    @Test func triggersMapToEventTypes() {
        #expect(
            Trigger.allCases.map(\.eventType) == [
                "AccessRequestCreated", "AccessRequestApproved", "AccessRequestRejected", "AccessRequestGranted",
                "AccessRequestExpired", "AccessRequestFailed",
            ])
        #expect(Trigger(eventType: "AccessRequestExpired") == .expired)
        #expect(Trigger(eventType: "Expired") == nil)
        #expect(Trigger(eventType: "AccessRequestDeleted") == nil)
    }

    @Test func retryDelays() {
        let policy = RetryPolicy(maxAttempts: 5, schedule: [.seconds(1), .seconds(10)])
        #expect(policy.delay(beforeAttempt: 1) == .zero)
        #expect(policy.delay(beforeAttempt: 2) == .seconds(1))
        #expect(policy.delay(beforeAttempt: 3) == .seconds(10))
        #expect(policy.delay(beforeAttempt: 5) == .seconds(10))
        #expect(RetryPolicy.standard.maxAttempts == 10)
        #expect(RetryPolicy.standard.delay(beforeAttempt: 10) == .seconds(24 * 3600))
    }

    @Test func names() {
        #expect(Webhook.isValidName("jira-prod_v2.1"))
        #expect(!Webhook.isValidName(""))
        #expect(!Webhook.isValidName("a b"))
        #expect(!Webhook.isValidName("ünïcode"))
        #expect(!Webhook.isValidName(String(repeating: "x", count: 65)))
    }
}
