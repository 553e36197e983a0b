import AccessEvents
import Foundation
import Handlebars
import Store
import WebhookModel

/// `GET /webhooks/NAME`: the declaration as stored (references, never values), its set, its body template with the
/// event's payload schema a link away, the body rendered over a sample event per trigger, its queue and history, and
/// the Test form.
enum WebhookPage {
    struct Content {
        var live: LiveWebhook
        var queue: QueueSummary.Row?
        var recent: [Invocation]
        var tested: Invocation?
        var note: HTML?
    }

    /// Why the runner disabled the webhook (a 410 Gone, a long run of failures), while it stays disabled.
    static func disabledByTheRunner(_ live: LiveWebhook) -> HTML {
        guard let reason = live.disabledReason, !live.state.webhook.active else { return .empty }
        return """
            <p class="note" id="disabled-reason">Disabled by the runner: \(reason). Enable it again once the \
            receiver is fixed (an apply enables it too, if its declaration says active).</p>
            """
    }

    static func render(_ content: Content, session: ConsoleSession) -> HTML {
        let live = content.live
        let w = live.state.webhook
        let drift: HTML =
            live.driftedFields.isEmpty
            ? ""
            : " <span class=\"badge\" title=\"changed outside apply\">drift: \(live.driftedFields.sorted().joined(separator: ", "))</span>"
        return Layout.page(
            w.name, session: session, section: .webhooks,
            body: """
                <p><a href="/webhooks">← Webhooks</a></p>
                <h1>\(w.name) \(WebhooksPage.dot(w.active))\(drift)</h1>
                \(disabledByTheRunner(live))
                \(content.note ?? .empty)
                <p>\(WebhooksPage.toggle(w, session: session, back: "/webhooks/\(Format.segment(w.name))"))</p>
                <section id="declaration"><h2>Declaration as stored</h2>
                <p class="muted">Set: <strong>\(live.managedBy ?? "unmanaged (no hookctl set owns it)")</strong> · \
                file: not recorded by the store (in that set's webhooks.d) · version \(Int(live.version)) · \
                updated \(Format.time(live.updatedAt))</p>
                <pre>\(ExportYAML.document(live.state))</pre>
                <p class="muted">Secrets appear as references (or placeholders for sealed literals), never as values.</p>
                </section>
                <section id="template"><h2>Body template</h2>
                <p><a href="/schema/event" id="schema-link">View event's payload schema</a> · escape: \(w.escape.rawValue)</p>
                <pre>\(w.body)</pre>
                </section>
                <section id="rendered"><h2>Rendered over a sample event</h2>
                \(rendered(w))
                </section>
                <section id="queue"><h2>Queue</h2>
                \(queue(content.queue))
                </section>
                \(test(w, tested: content.tested, session: session))
                <section id="history"><h2>History</h2>
                \(HistoryPage.table(content.recent, session: session, links: FormFields([("webhook", w.name)]), id: "webhook-history"))
                <p><a href="/history?webhook=\(Format.segment(w.name))">All of \(w.name)'s history →</a></p>
                </section>
                """,
            panel: content.tested.map(InvocationPanel.render))
    }

    /// The body over each trigger's sample event, as the sender would render it.
    static func rendered(_ webhook: Webhook) -> HTML {
        let template: Template
        do {
            template = try Template(webhook.body, escape: EscapeMode(webhook.escape))
        } catch {
            return
                "<p class=\"error-box\">The template does not compile: \(error.line):\(error.column): \(error.message)</p>"
        }
        return webhook.triggers.map { trigger -> HTML in
            let text: HTML
            do throws(TemplateError) {
                text = "<pre>\(try template.renderString(EventSamples.sample(for: trigger)))</pre>"
            } catch {
                text = "<p class=\"error-box\">Rendering failed at \(error.line):\(error.column): \(error.message)</p>"
            }
            return "<h3 data-trigger=\"\(trigger.rawValue)\">\(trigger.rawValue)</h3>\(text)"
        }.joined()
    }

    static func queue(_ row: QueueSummary.Row?) -> HTML {
        guard let row, row.pending > 0 || row.inFlight > 0 || row.consecutiveFailures > 0 else {
            return "<p id=\"queue-state\">Nothing queued.</p>"
        }
        let oldest: HTML = row.oldestDueAt.map { " · oldest due since \(Format.time($0))" } ?? ""
        let failing: HTML =
            row.consecutiveFailures > 0
            ? " · \(row.consecutiveFailures) failures in a row\(row.failingSince.map { " since \(Format.time($0))" } ?? "")"
            : ""
        return
            "<p id=\"queue-state\">\(row.pending) pending (\(row.due) due) · \(row.inFlight) in flight\(oldest)\(failing)</p>"
    }

    /// The Test form (admins), and the outcome of the last Test.
    static func test(_ webhook: Webhook, tested: Invocation?, session: ConsoleSession) -> HTML {
        let outcome: HTML
        if let tested {
            let detail: HTML =
                tested.status == .success
                ? "HTTP \(tested.response?.status ?? 0) in \(tested.durationMilliseconds) ms"
                : "\(tested.response.map { "HTTP \($0.status): " } ?? "")\(tested.failureReason ?? "failed")"
            outcome = """
                <div id="test-outcome"><p id="test-result" class="\(tested.status.rawValue)">\(tested.status.rawValue)</p>
                <p>\(detail) · recorded as <a href="/history?open=\(Format.segment(tested.id))">\(tested.id)</a> \
                (hookctl history show \(tested.id))</p></div>
                """
        } else {
            outcome = "<div id=\"test-outcome\"></div>"
        }
        guard session.role.canAct else {
            return
                "<section id=\"test-section\"><h2>Test</h2><p class=\"muted\">Viewers cannot send tests.</p></section>"
        }
        let triggers = (webhook.triggers.isEmpty ? Trigger.allCases : webhook.triggers).map {
            "<option value=\"\($0.rawValue)\">\($0.rawValue)</option>" as HTML
        }
        return """
            <section id="test-section"><h2>Test</h2>
            <form id="test" method="post" action="/webhooks/\(Format.segment(webhook.name))/test">
            \(Layout.csrfField(session))
            <label for="test-trigger">Send the sample event of</label>
            <select name="trigger" id="test-trigger">\(triggers)</select>
            <button type="submit" id="test-send" class="primary">Send test</button>
            </form>
            <p class="muted">Sent once through the same send path as the runner (address guard, signing, auth), recorded in
            history with trigger Test.</p>
            \(outcome)
            </section>
            """
    }
}
