/// The frame of every page: the navigation, who is logged in (and the logout form), the side panel, and the one
/// script and style sheet.
enum Layout {
    enum Section: String { case webhooks, history, draft, none }

    static func page(
        _ title: String, session: ConsoleSession?, section: Section = .none, body: HTML, panel: HTML? = nil
    ) -> HTML {
        let nav: HTML
        if let session {
            let links: [HTML] = [
                ("webhooks", "/webhooks", "Webhooks"), ("history", "/history", "History"),
                ("draft", "/draft", "Add Webhook"),
            ].map { id, href, label in
                let current: HTML = section.rawValue == id ? " class=\"current\"" : ""
                return "<a href=\"\(href)\"\(current)>\(label)</a>"
            }
            let role: HTML =
                session.role == .viewer ? "<span class=\"badge\" id=\"viewer-badge\">viewer: read-only</span>" : ""
            nav = """
                \(links.joined())<span class="who">\(role)<form class="inline" method="post" action="/logout">\
                \(csrfField(session))<button type="submit" id="logout">Log out</button></form></span>
                """
        } else {
            nav = ""
        }
        let meta: HTML = session.map { "<meta name=\"csrf-token\" content=\"\($0.csrf)\">" } ?? ""
        let side: HTML =
            panel.map { "<aside id=\"side-panel\" class=\"open\">\($0)</aside>" }
            ?? "<aside id=\"side-panel\" hidden></aside>"
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            \(meta)
            <title>\(title) · hookctl console</title>
            <link rel="stylesheet" href="/assets/console.css">
            <script src="/assets/console.js" defer></script>
            </head>
            <body>
            <header class="top"><strong>hookctl</strong>\(nav)</header>
            <main>
            \(body)
            </main>
            \(side)
            </body>
            </html>

            """
    }

    /// The hidden field every state-changing form carries.
    static func csrfField(_ session: ConsoleSession) -> HTML {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(session.csrf)\">"
    }

    /// A page that says why a request was refused.
    static func refusal(_ title: String, _ message: String, session: ConsoleSession?) -> HTML {
        page(title, session: session, body: "<h1>\(title)</h1><p class=\"error-box\" id=\"refusal\">\(message)</p>")
    }
}
