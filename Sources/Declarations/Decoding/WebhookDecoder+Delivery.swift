import Foundation
import WebhookModel
import Yams

extension WebhookDecoder {
    static let maxRetryDelay: Duration = .seconds(7 * 86_400)

    mutating func readRetry(_ node: Node) -> RetryPolicy? {
        let example = "retry:\n  max_attempts: 5\n  schedule: [10s, 1m, 10m, 1h]"
        guard let mapping = mapping(node, field: "retry", example: example) else { return nil }
        let entries = fields(of: mapping, in: "retry", allowed: ["max_attempts", "schedule"])
        // Every mistake in the block is reported, not only the first.
        var failed = false
        var maxAttempts: Int?
        if let entry = entries["max_attempts"] {
            if let value = integer(entry.value, field: "retry.max_attempts") {
                if RetryPolicy.attemptsRange.contains(value) {
                    maxAttempts = value
                } else {
                    error(
                        "retry.range", "retry.max_attempts \(value) is out of range; it must be from 1 to 20",
                        at: entry.value,
                        notes: ["1 means a single attempt with no retry"])
                    failed = true
                }
            } else {
                failed = true
            }
        }
        var schedule: [Duration]?
        if let entry = entries["schedule"] {
            guard case .sequence(let items) = entry.value, !items.isEmpty else {
                error(
                    "config.type",
                    "retry.schedule must be a non-empty list of durations; got \(entry.value.kindDescription)",
                    at: entry.value, notes: ["the waits before each retry, e.g. schedule: [10s, 1m, 10m]"])
                return nil
            }
            var delays: [Duration] = []
            for item in items {
                guard let delay = duration(item, field: "retry.schedule[]") else {
                    failed = true
                    continue
                }
                guard delay <= Self.maxRetryDelay else {
                    error(
                        "retry.range",
                        "a retry delay of \(item.string ?? DurationText.format(delay)) is longer than 7 days",
                        at: item)
                    failed = true
                    continue
                }
                delays.append(delay)
            }
            schedule = delays
        }
        guard !failed else { return nil }
        let attempts = maxAttempts ?? min(RetryPolicy.attemptsRange.upperBound, (schedule?.count ?? 9) + 1)
        if let schedule, let entry = entries["schedule"], schedule.count > attempts - 1 {
            warning(
                "retry.unused-delay",
                "retry.schedule has \(schedule.count) delays but max_attempts \(attempts) allows "
                    + "only \(attempts - 1) \(attempts == 2 ? "retry" : "retries"); the rest are never used",
                at: entry.value)
        }
        return RetryPolicy(maxAttempts: attempts, schedule: schedule ?? RetryPolicy.standardSchedule)
    }

    mutating func readSigning(_ node: Node) -> Signing? {
        let example = "signing:\n  secret: ${env:WEBHOOK_SIGNING_SECRET}"
        guard let mapping = mapping(node, field: "signing", example: example) else { return nil }
        let entries = fields(of: mapping, in: "signing", allowed: ["secret", "secrets"])
        var nodes: [Node] = []
        switch (entries["secret"], entries["secrets"]) {
        case (let one?, nil):
            nodes = [one.value]
        case (nil, let many?):
            guard case .sequence(let items) = many.value, (1...Signing.maxSecrets).contains(items.count) else {
                error(
                    "config.type", "signing.secrets must be a list of one or two secrets (two while rotating)",
                    at: many.value)
                return nil
            }
            nodes = Array(items)
        case (_?, let many?):
            error("signing.conflict", "write either signing.secret or signing.secrets, not both", at: many.key)
            return nil
        case (nil, nil):
            error("signing.missing-secret", "signing needs a secret", at: node, notes: ["for example:\n\(example)"])
            return nil
        }
        // Each secret is checked, so a mistake in the second is reported beside one in the first.
        var secrets: [SecretValue] = []
        var failed = false
        for (index, item) in nodes.enumerated() {
            guard let value = secretValue(item, path: "signing.secrets[\(index)]", field: "signing secret") else {
                failed = true
                continue
            }
            if case .literal(let text) = value {
                guard Self.isStandardWebhooksSecret(text) else {
                    error(
                        "signing.secret", "a signing secret is whsec_ followed by base64 of 24 to 64 random bytes",
                        at: item, notes: ["reference it instead: secret: ${env:WEBHOOK_SIGNING_SECRET}"])
                    failed = true
                    continue
                }
                warning(
                    "secret.literal", "the signing secret is written in plain text", at: item,
                    notes: ["reference it instead: secret: ${env:WEBHOOK_SIGNING_SECRET}"])
            }
            secrets.append(value)
        }
        return failed ? nil : Signing(secrets: secrets)
    }

    /// `whsec_` + base64 of 24–64 bytes, as Standard Webhooks libraries generate.
    static func isStandardWebhooksSecret(_ text: String) -> Bool {
        guard text.hasPrefix("whsec_"), let key = Data(base64Encoded: String(text.dropFirst(6))) else { return false }
        return (24...64).contains(key.count)
    }
}
