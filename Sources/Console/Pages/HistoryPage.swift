import Foundation
import Store

/// `GET /history`: every invocation, newest first, filtered by webhook, status, trigger and time, one keyset page at
/// a time (`before=CURSOR`); a row opens its request and response; a failed one can be redelivered.
enum HistoryPage {
    static let pageSize = 50

    /// The filters as the query string gives them, and what was wrong with any of them.
    struct Filter {
        var fields: FormFields
        var query: InvocationQuery
        var problems: [String] = []

        init(_ fields: FormFields, pageSize: Int = HistoryPage.pageSize) {
            self.fields = fields
            query = InvocationQuery(limit: pageSize + 1)
            query.webhook = fields.text("webhook")
            if let text = fields.text("status") {
                if let status = Invocation.Status.allCases.first(where: {
                    $0.rawValue.lowercased() == text.lowercased()
                }) {
                    query.status = status
                } else {
                    problems.append("status \"\(text)\" is not Success or Failure")
                }
            }
            if let text = fields.text("trigger") {
                if let trigger = InvocationTrigger.allCases.first(where: {
                    $0.rawValue.lowercased() == text.lowercased()
                }) {
                    query.trigger = trigger
                } else {
                    problems.append(
                        "trigger \"\(text)\" is not one of \(InvocationTrigger.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
            }
            for name in ["since", "until"] {
                guard let text = fields.text(name) else { continue }
                guard let date = Self.date(text) else {
                    problems.append(
                        "\(name) \"\(text)\" is not a time: write 2026-12-01T12:00 or 2026-12-01T12:00:00Z (UTC)")
                    continue
                }
                if name == "since" { query.since = date } else { query.until = date }
            }
            if let text = fields.text("before") {
                if let cursor = InvocationCursor(token: text) {
                    query.before = cursor
                } else {
                    problems.append("before \"\(text)\" is not a page cursor; follow the Next page link")
                }
            }
        }

        /// `2026-12-01T12:00`, `2026-12-01T12:00:00`, or with `Z`: UTC.
        static func date(_ text: String) -> Date? {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            for format in ["yyyy-MM-dd'T'HH:mm:ssX", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"] {
                formatter.dateFormat = format
                if let date = formatter.date(from: text) { return date }
            }
            return nil
        }
    }

    static func render(
        invocations: [Invocation], filter: Filter, session: ConsoleSession, flash: HTML?, panel: HTML?
    ) -> HTML {
        let page = Array(invocations.prefix(filter.query.limit - 1))
        let more = invocations.count > page.count
        let base = filter.fields.setting("before", nil).setting("open", nil).setting("queued", nil)
        let next: HTML
        if more, let last = page.last {
            let link = base.setting("before", InvocationCursor(after: last).token).encoded
            next = "<p><a id=\"next-page\" href=\"/history?\(link)\">Next page →</a></p>"
        } else {
            next = ""
        }
        let problems: HTML =
            filter.problems.isEmpty
            ? "" : "<p class=\"error-box\" id=\"filter-error\">\(filter.problems.joined(separator: "; "))</p>"
        return Layout.page(
            "History", session: session, section: .history,
            body: """
                <h1>History</h1>
                \(flash ?? .empty)\(problems)
                \(filters(filter))
                \(table(page, session: session, links: base, id: "history"))
                \(next)
                """,
            panel: panel)
    }

    /// The history table; each row links to itself with the panel open (without JavaScript).
    static func table(_ invocations: [Invocation], session: ConsoleSession, links: FormFields, id: String) -> HTML {
        let rows = invocations.map { invocation -> HTML in
            let open = links.setting("open", invocation.id).encoded
            let redeliver: HTML
            if invocation.status == .failure, invocation.trigger != .test, session.role.canAct {
                redeliver = """
                    <form class="inline" method="post" action="/history/\(Format.segment(invocation.id))/redeliver">\
                    \(Layout.csrfField(session))<button type="submit" data-action="redeliver">Redeliver</button></form>
                    """
            } else {
                redeliver = ""
            }
            return """
                <tr data-invocation="\(invocation.id)" data-status="\(invocation.status.rawValue)">
                <td><a href="/history?\(open)">\(Format.time(invocation.startedAt))</a></td>
                <td>\(invocation.webhook)</td><td>\(invocation.trigger.rawValue)</td><td>\(invocation.attempt)</td>
                <td>\(Format.status(invocation.status))</td>
                <td>\(invocation.response.map { String($0.status) } ?? "–")</td>
                <td>\(invocation.durationMilliseconds) ms</td>
                <td>\(redeliver)</td>
                </tr>

                """
        }
        let empty: HTML =
            invocations.isEmpty ? "<tr><td colspan=\"8\" class=\"muted\">No invocations match.</td></tr>" : ""
        return """
            <table id="\(id)">
            <thead><tr><th>Time</th><th>Webhook</th><th>Trigger</th><th>Attempt</th><th>Status</th><th>HTTP</th>\
            <th>Duration</th><th></th></tr></thead>
            <tbody>\(rows)\(empty)</tbody>
            </table>
            """
    }

    static func filters(_ filter: Filter) -> HTML {
        func option(_ value: String, selected: String?) -> HTML {
            let isSelected = (selected ?? "").lowercased() == value.lowercased()
            return
                "<option value=\"\(value)\"\(isSelected ? " selected" : "")>\(value.isEmpty ? "any" : value)</option>"
        }
        let statuses = ([""] + Invocation.Status.allCases.map(\.rawValue)).map {
            option($0, selected: filter.fields.text("status"))
        }
        let triggers = ([""] + InvocationTrigger.allCases.map(\.rawValue)).map {
            option($0, selected: filter.fields.text("trigger"))
        }
        return """
            <form class="filters" method="get" action="/history" id="history-filters">
            <label>Webhook <input type="text" name="webhook" value="\(filter.fields.text("webhook") ?? "")"></label>
            <label>Status <select name="status">\(statuses)</select></label>
            <label>Trigger <select name="trigger">\(triggers)</select></label>
            <label>Since (UTC) <input type="text" name="since" placeholder="2026-12-01T12:00" \
            value="\(filter.fields.text("since") ?? "")"></label>
            <label>Until (UTC) <input type="text" name="until" placeholder="2026-12-01T13:00" \
            value="\(filter.fields.text("until") ?? "")"></label>
            <button type="submit">Filter</button>
            </form>
            """
    }
}
