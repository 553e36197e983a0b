import Foundation
import WebhookModel

/// What the "Add Webhook" form holds, as typed: nothing is checked here (the declaration's own rules do that).
struct DraftForm: Sendable, Hashable {
    /// The authorization types the form offers; every credential is a `${env:…}` reference to fill in.
    static let authorizations = ["none", "bearer", "basic", "api_key", "oauth2"]

    var name = ""
    var active = true
    var method = "POST"
    var url = ""
    var headers = ""
    var authorization = "none"
    var triggers: [String] = ["Created"]
    var body = #"{"id": "{{data.id}}", "event": "{{event_type}}"}"#

    init() {}

    init(_ fields: FormFields) {
        name = fields.first("name")?.trimmingCharacters(in: .whitespaces) ?? ""
        active = fields.first("status") != "inactive"
        method = fields.first("method")?.trimmingCharacters(in: .whitespaces).uppercased() ?? "POST"
        url = fields.first("url")?.trimmingCharacters(in: .whitespaces) ?? ""
        headers = fields.first("headers") ?? ""
        authorization = fields.first("authorization") ?? "none"
        triggers = fields.all("trigger").map { value in
            Trigger.allCases.first { $0.rawValue.lowercased() == value.lowercased() }?.rawValue ?? value
        }
        body = (fields.first("body") ?? "").replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// The `${env:…}` prefix of this webhook's credential references: `JIRA_TASKS` for `jira-tasks`.
    var variablePrefix: String {
        let upper = (name.isEmpty ? "webhook" : name).uppercased()
        return String(upper.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }
}
