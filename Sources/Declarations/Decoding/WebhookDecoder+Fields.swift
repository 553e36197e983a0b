import WebhookModel
import Yams

extension WebhookDecoder {
    mutating func readName(_ node: Node) -> String? {
        guard let name = string(node, field: "name", example: "name: jira-access-requests") else { return nil }
        guard Webhook.isValidName(name) else {
            let reason =
                name.isEmpty
                ? "is empty"
                : name.unicodeScalars.count > Webhook.maxNameLength
                    ? "is \(name.unicodeScalars.count) characters long"
                    : "contains \(invalidNameCharacters(name))"
            error(
                "name.invalid", "webhook name \"\(name)\" \(reason)", at: node,
                notes: ["a name is 1–64 characters of letters, digits, -, _ and ."])
            return nil
        }
        return name
    }

    private func invalidNameCharacters(_ name: String) -> String {
        let bad = name.unicodeScalars.filter { !Webhook.isValidName(String($0)) }
        let shown = bad.prefix(3).map { $0 == " " ? "a space" : "\"\($0)\"" }
        return shown.joined(separator: ", ")
    }

    mutating func readMethod(_ node: Node) -> HTTPMethod? {
        guard let text = string(node, field: "method", example: "method: POST") else { return nil }
        if let method = HTTPMethod(rawValue: text) { return method }
        let accepted = HTTPMethod.allCases.map(\.rawValue)
        if let method = HTTPMethod(rawValue: text.uppercased()) {
            error(
                "method.case", "method \"\(text)\" must be upper case", at: node,
                notes: ["write method: \(method.rawValue)"])
        } else {
            error(
                "method.invalid",
                "unsupported method \"\(text)\"\(Suggestion.phrase(for: text.uppercased(), in: accepted))",
                at: node, notes: ["accepted methods: " + accepted.joined(separator: ", ")])
        }
        return nil
    }

    mutating func readURL(_ node: Node) -> String? {
        guard let text = string(node, field: "url", example: "url: https://example.com/hooks") else { return nil }
        switch URLRules.check(text, allowTargets: allowTargets) {
        case .success:
            return text
        case .failure(let problem):
            error(
                problem.code, problem.message, at: location(of: node, value: text, at: problem.offset),
                notes: problem.notes)
            return nil
        }
    }

    mutating func readTriggers(_ node: Node) -> [Trigger]? {
        let accepted = Trigger.allCases.map(\.rawValue)
        guard case .sequence(let sequence) = node else {
            var notes = ["write a list: triggers: [Created, Approved]"]
            if case .scalar(let scalar) = node, Trigger(rawValue: scalar.string) != nil {
                notes = ["write a list: triggers: [\(scalar.string)]"]
            }
            error("config.type", "triggers must be a list; got \(node.kindDescription)", at: node, notes: notes)
            return nil
        }
        remember("triggers", node)
        guard !sequence.isEmpty else {
            error(
                "triggers.empty", "triggers is empty; a webhook needs at least one trigger", at: node,
                notes: ["accepted triggers: " + accepted.joined(separator: ", ")])
            return nil
        }
        var triggers: [Trigger] = []
        var seen: [Trigger: SourceLocation] = [:]
        var ok = true
        for (index, item) in sequence.enumerated() {
            guard case .scalar(let scalar) = item, !item.isNull else {
                error(
                    "config.type", "each trigger must be a name such as Created; got \(item.kindDescription)", at: item)
                ok = false
                continue
            }
            remember("triggers[\(index)]", item)
            let text = scalar.string
            let trigger = Trigger(rawValue: text) ?? Trigger(eventType: text)
            guard let trigger else {
                error(
                    "triggers.unknown", "unknown trigger \"\(text)\"\(Suggestion.phrase(for: text, in: accepted))",
                    at: item,
                    notes: ["accepted triggers: " + accepted.joined(separator: ", ")])
                ok = false
                continue
            }
            if trigger.rawValue != text {
                warning(
                    "triggers.event-type",
                    "write the trigger \"\(trigger.rawValue)\" rather than the event type \"\(text)\"",
                    at: item)
            }
            if let first = seen[trigger] {
                error(
                    "triggers.duplicate", "trigger \(trigger.rawValue) is listed twice", at: item,
                    notes: ["first listed at \(first)"])
                ok = false
                continue
            }
            seen[trigger] = location(of: item)
            triggers.append(trigger)
        }
        return ok ? triggers : nil
    }

    mutating func readEscape(_ node: Node) -> Webhook.Escape? {
        guard let text = string(node, field: "escape") else { return nil }
        guard let escape = Webhook.Escape(rawValue: text) else {
            let accepted = Webhook.Escape.allCases.map(\.rawValue)
            error(
                "escape.invalid", "unknown escape mode \"\(text)\"\(Suggestion.phrase(for: text, in: accepted))",
                at: node,
                notes: ["accepted: json (JSON-aware, the default), html (as handlebars.js), none"])
            return nil
        }
        return escape
    }

    mutating func duration(_ node: Node, field: String) -> Duration? {
        guard let text = string(node, field: field) else { return nil }
        guard let duration = DurationText.parse(text) else {
            error(
                "duration.invalid", "\(field) \"\(text)\" is not a duration", at: node,
                notes: [DurationText.acceptedForms])
            return nil
        }
        return duration
    }

    mutating func readTimeout(_ node: Node) -> Duration? {
        guard let timeout = duration(node, field: "timeout") else { return nil }
        guard Webhook.timeoutRange.contains(timeout) else {
            error(
                "timeout.range",
                "timeout \(node.string ?? DurationText.format(timeout)) is out of range; it must be from 1s to 30s",
                at: node)
            return nil
        }
        return timeout
    }
}
