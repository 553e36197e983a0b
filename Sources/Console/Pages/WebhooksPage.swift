import Foundation
import Store
import WebhookModel

/// `GET /webhooks`: every live webhook with its dot, method, host, triggers, set, last invocation and 24-hour success
/// rate; filtered by name, status and trigger; each row's menu activates or deactivates it.
enum WebhooksPage {
    struct Filter {
        var name: String?
        var active: Bool?
        var trigger: Trigger?

        init(_ query: FormFields) {
            name = query.text("name")
            active = query.text("status").flatMap { $0 == "active" ? true : $0 == "inactive" ? false : nil }
            trigger = query.text("trigger").flatMap { Trigger(rawValue: $0) ?? Trigger(rawValue: $0.capitalized) }
        }

        func admits(_ webhook: LiveWebhook) -> Bool {
            let w = webhook.state.webhook
            return (name.map { w.name.localizedCaseInsensitiveContains($0) } ?? true)
                && (active.map { w.active == $0 } ?? true) && (trigger.map { w.triggers.contains($0) } ?? true)
        }
    }

    static func render(
        webhooks: [LiveWebhook], summaries: [String: InvocationSummary], filter: Filter, session: ConsoleSession,
        note: HTML?
    ) -> HTML {
        let shown = webhooks.filter(filter.admits).sorted { $0.name < $1.name }
        let rows = shown.map { row($0, summaries[$0.name], session: session) }
        let empty: HTML =
            shown.isEmpty
            ? "<tr><td colspan=\"9\" class=\"muted\">No webhook matches. hookctl apply writes them from webhooks.d.</td></tr>"
            : ""
        return Layout.page(
            "Webhooks", session: session, section: .webhooks,
            body: """
                <h1>Webhooks</h1>
                \(note ?? .empty)
                \(filters(filter))
                <table id="webhooks">
                <thead><tr><th>Name</th><th>Status</th><th>Method</th><th>Target host</th><th>Triggers</th>\
                <th>Set</th><th>Last invocation</th><th>Success (24 h)</th><th></th></tr></thead>
                <tbody>\(rows)\(empty)</tbody>
                </table>
                <p class="muted">\(shown.count) of \(webhooks.count) webhooks.</p>
                """)
    }

    static func row(_ live: LiveWebhook, _ summary: InvocationSummary?, session: ConsoleSession) -> HTML {
        let w = live.state.webhook
        let last: HTML
        if let summary, let at = summary.lastStartedAt, let status = summary.lastStatus {
            last = "\(Format.time(at)) · \(Format.status(status))"
        } else {
            last = "<span class=\"muted\">never</span>"
        }
        let drift: HTML = live.driftedFields.contains("active") ? " <span class=\"badge\">drift</span>" : ""
        return """
            <tr data-webhook="\(w.name)">
            <td><a href="/webhooks/\(Format.segment(w.name))">\(w.name)</a></td>
            <td>\(dot(w.active))\(drift)</td>
            <td>\(w.method.rawValue)</td>
            <td>\(Format.host(w.url))</td>
            <td>\(w.triggers.map(\.rawValue).joined(separator: ", "))</td>
            <td>\(live.managedBy ?? "unmanaged")</td>
            <td>\(last)</td>
            <td>\(Format.rate(summary?.successRate))</td>
            <td class="row-menu">\(toggle(w, session: session, back: "/webhooks"))</td>
            </tr>

            """
    }

    /// ● green for active, ○ white for inactive.
    static func dot(_ active: Bool) -> HTML {
        active
            ? "<span class=\"dot\" data-status=\"active\" title=\"active\">●</span> active"
            : "<span class=\"dot\" data-status=\"inactive\" title=\"inactive\">○</span> inactive"
    }

    /// The Activate or Deactivate form (admins only).
    static func toggle(_ webhook: Webhook, session: ConsoleSession, back: String) -> HTML {
        guard session.role.canAct else { return "" }
        let action = webhook.active ? "deactivate" : "activate"
        return """
            <form class="inline" method="post" action="/webhooks/\(Format.segment(webhook.name))/\(action)">\
            \(Layout.csrfField(session))<input type="hidden" name="back" value="\(back)">\
            <button type="submit" data-action="\(action)">\(webhook.active ? "Deactivate" : "Activate")</button></form>
            """
    }

    static func filters(_ filter: Filter) -> HTML {
        func option(_ value: String, _ label: String, selected: Bool) -> HTML {
            "<option value=\"\(value)\"\(selected ? " selected" : "")>\(label)</option>"
        }
        let statuses: [HTML] = [
            option("", "any", selected: filter.active == nil),
            option("active", "● active", selected: filter.active == true),
            option("inactive", "○ inactive", selected: filter.active == false),
        ]
        let triggers: [HTML] =
            [option("", "any", selected: filter.trigger == nil)]
            + Trigger.allCases.map { option($0.rawValue, $0.rawValue, selected: filter.trigger == $0) }
        return """
            <form class="filters" method="get" action="/webhooks" id="webhook-filters">
            <label>Name <input type="text" name="name" value="\(filter.name ?? "")"></label>
            <label>Status <select name="status">\(statuses)</select></label>
            <label>Trigger <select name="trigger">\(triggers)</select></label>
            <button type="submit">Filter</button>
            </form>
            """
    }
}
