import AccessEvents
import Foundation
import Hummingbird
import Logging
import NIOCore
import Store
import WebhookModel

/// The console's routes and their handlers: pages need a session (else a redirect to `/login`); every POST needs
/// the session's CSRF token (else 403); Test, toggle and Redeliver need the console token's role (else 403).
struct ConsoleRoutes: Sendable {
    let console: Console

    /// The largest form body read (the draft's template included).
    static let maxFormBytes = 1 << 20

    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in ConsoleResponse.redirect("/webhooks") }
        router.get("/assets/console.css") { _, _ in
            ConsoleResponse.text(ConsoleStyle.text, contentType: "text/css; charset=utf-8", cache: true)
        }
        router.get("/assets/console.js") { _, _ in
            ConsoleResponse.text(ConsoleScript.text, contentType: "text/javascript; charset=utf-8", cache: true)
        }
        router.get("/login") { request, _ in loginPage(request) }
        router.post("/login") { request, _ in await login(request) }
        router.post("/logout") { request, _ in
            await action(request, adminOnly: false) { session, _ in
                console.access.sessions.end(id: session.id)
                return ConsoleResponse.redirect(
                    "/login", cookies: [console.access.expiredCookie(ConsoleConfiguration.sessionCookie)])
            }
        }
        router.get("/schema/event") { request, _ in
            await page(request) { _ in
                ConsoleResponse.text(EventSchema.document + "\n", contentType: "application/schema+json")
            }
        }
        router.get("/webhooks") { request, _ in await page(request) { await webhooks(request, $0) } }
        router.get("/webhooks/:name") { request, context in
            let name = Self.parameter(context, "name")
            return await page(request) { await webhook(name, query: Self.query(request), session: $0) }
        }
        router.post("/webhooks/:name/test") { request, context in
            let name = Self.parameter(context, "name")
            return await action(request, adminOnly: true) { await test(name, form: $1, session: $0) }
        }
        for (path, active) in [("activate", true), ("deactivate", false)] {
            router.post("/webhooks/:name/\(path)") { request, context in
                let name = Self.parameter(context, "name")
                return await action(request, adminOnly: true) { await toggle(name, active, form: $1, session: $0) }
            }
        }
        router.get("/history") { request, _ in await page(request) { await history(request, $0) } }
        router.get("/history/:id/panel") { request, context in
            let id = Self.parameter(context, "id")
            return await page(request) { await panel(id, session: $0) }
        }
        router.post("/history/:id/redeliver") { request, context in
            let id = Self.parameter(context, "id")
            return await action(request, adminOnly: true) { session, _ in await redeliver(id, session: session) }
        }
        router.get("/draft") { request, _ in
            await page(request) { session in
                let form = DraftForm()
                return ConsoleResponse.html(DraftPage.render(form, check: check(form), session: session))
            }
        }
        router.post("/draft") { request, _ in
            await action(request, adminOnly: false) { session, fields in
                let form = DraftForm(fields)
                return ConsoleResponse.html(DraftPage.render(form, check: check(form), session: session))
            }
        }
        router.post("/draft/lint") { request, _ in
            await action(request, adminOnly: false) { _, fields in ConsoleResponse.json(check(DraftForm(fields)).json) }
        }
    }

    // MARK: Helpers

    static func driftNote(_ live: LiveWebhook) -> HTML {
        let state = live.state.webhook.active ? "active" : "inactive"
        return """
            <p id="drift-note">\(live.name) is now \(state) in the store. The next plan shows this as drift, and apply \
            reverts it unless webhooks.d is changed to match.</p>
            """
    }

    func notFound(_ what: String, _ session: ConsoleSession) -> Response {
        ConsoleResponse.html(
            Layout.refusal("Not found", "There is no \(what) in the store.", session: session), status: .notFound)
    }

    func failure(_ error: StoreError, session: ConsoleSession) -> Response {
        console.logger.error("console store error: \(error)")
        return ConsoleResponse.html(
            Layout.refusal("Store error", "The store could not answer: \(error)", session: session),
            status: .internalServerError)
    }

    static func parameter(_ context: BasicRequestContext, _ name: String) -> String {
        let raw = context.parameters.get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    static func query(_ request: Request) -> FormFields { FormFields(encoded: request.uri.query ?? "") }

    static func form(_ request: Request) async -> FormFields? {
        guard let buffer = try? await request.body.collect(upTo: maxFormBytes) else { return nil }
        return FormFields(encoded: String(buffer: buffer))
    }
}
