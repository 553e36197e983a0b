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

    // MARK: Access

    /// Runs `body` for a logged-in request; sends anyone else to the login.
    func page(_ request: Request, _ body: (ConsoleSession) async -> Response) async -> Response {
        guard let session = console.access.session(request, now: console.now) else {
            return ConsoleResponse.redirect("/login")
        }
        return await body(session)
    }

    /// Runs `body` for a state-changing request: logged in, with the session's CSRF token, and (for `adminOnly`)
    /// with the console token's role.
    func action(
        _ request: Request, adminOnly: Bool, _ body: (ConsoleSession, FormFields) async -> Response
    ) async -> Response {
        guard let session = console.access.session(request, now: console.now) else {
            return ConsoleResponse.html(
                Layout.refusal("Not logged in", "Log in first: this request needs a console session.", session: nil),
                status: .unauthorized)
        }
        guard let form = await Self.form(request) else {
            return ConsoleResponse.html(
                Layout.refusal("Too large", "The form is larger than \(Self.maxFormBytes) bytes.", session: session),
                status: .contentTooLarge)
        }
        guard console.access.csrfAccepted(request, form: form, expected: session.csrf) else {
            console.logger.warning(
                "console request refused: no valid CSRF token", metadata: ["path": "\(request.uri.path)"])
            return ConsoleResponse.html(
                Layout.refusal(
                    "Refused",
                    "This request carries no valid CSRF token (the form's csrf field or the X-CSRF-Token header); "
                        + "reload the page and try again.", session: session),
                status: .forbidden)
        }
        guard !adminOnly || session.role.canAct else {
            return ConsoleResponse.html(
                Layout.refusal(
                    "Read-only",
                    "You are logged in with the viewer token, which can look but not test, activate, deactivate or "
                        + "redeliver. Log in with the console token for that.", session: session),
                status: .forbidden)
        }
        return await body(session, form)
    }

    func loginPage(_ request: Request, error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        if error == nil, console.access.session(request, now: console.now) != nil {
            return ConsoleResponse.redirect("/webhooks")
        }
        let csrf = RandomToken.make()
        return ConsoleResponse.html(
            LoginPage.render(csrf: csrf, error: error), status: status, cookies: [console.access.loginCookie(csrf)])
    }

    func login(_ request: Request) async -> Response {
        let now = console.now
        if let wait = console.access.limiter.retryAfter(now: now) {
            var response = loginPage(
                request,
                error:
                    "Too many failed logins: at most \(console.access.limiter.limit) a minute. Try again in \(wait) s.",
                status: .tooManyRequests)
            response.headers[.retryAfter] = String(wait)
            return response
        }
        guard let form = await Self.form(request) else { return loginPage(request, error: "The form is too large.") }
        let expected = request.cookies[ConsoleConfiguration.loginCookie]?.value ?? ""
        guard !expected.isEmpty, TokenMatch(expected).matches(form.first("csrf") ?? "") else {
            return loginPage(
                request, error: "The login form expired or came from elsewhere (no valid CSRF token); try again.",
                status: .forbidden)
        }
        guard let role = console.access.role(for: form.first("token") ?? "") else {
            console.access.limiter.recordFailure(now: now)
            console.logger.warning("console login refused: wrong token")
            return loginPage(
                request, error: "That is neither the console token nor the viewer token.", status: .unauthorized)
        }
        let session = console.access.sessions.create(role: role, now: now)
        console.logger.info("console login", metadata: ["role": "\(role.rawValue)"])
        return ConsoleResponse.redirect(
            "/webhooks",
            cookies: [
                console.access.sessionCookie(session),
                console.access.expiredCookie(ConsoleConfiguration.loginCookie),
            ])
    }

    // MARK: Pages

    func webhooks(_ request: Request, _ session: ConsoleSession) async -> Response {
        let query = Self.query(request)
        do throws(StoreError) {
            let snapshot = try await console.snapshot()
            let summaries = try await console.store.invocationSummaries(
                since: console.now.addingTimeInterval(-24 * 3600))
            let note = query.text("changed").flatMap { snapshot.webhooks[$0] }.map(Self.driftNote)
            return ConsoleResponse.html(
                WebhooksPage.render(
                    webhooks: Array(snapshot.webhooks.values), summaries: summaries,
                    filter: WebhooksPage.Filter(query), session: session, note: note))
        } catch {
            return failure(error, session: session)
        }
    }

    func webhook(
        _ name: String, query: FormFields, session: ConsoleSession, tested: Invocation? = nil,
        status: HTTPResponse.Status = .ok
    ) async -> Response {
        do throws(StoreError) {
            guard let live = try await console.snapshot().webhooks[name] else { return notFound(name, session) }
            let queue = try await console.store.queueSummary(now: console.now).rows.first { $0.webhook == name }
            let recent = try await console.store.invocations(InvocationQuery(webhook: name, limit: 10))
            let note = query.text("changed") == name ? Self.driftNote(live) : nil
            return ConsoleResponse.html(
                WebhookPage.render(
                    WebhookPage.Content(live: live, queue: queue, recent: recent, tested: tested, note: note),
                    session: session),
                status: status)
        } catch {
            return failure(error, session: session)
        }
    }

    func history(_ request: Request, _ session: ConsoleSession) async -> Response {
        let query = Self.query(request)
        let filter = HistoryPage.Filter(query)
        do throws(StoreError) {
            let invocations = filter.problems.isEmpty ? try await console.store.invocations(filter.query) : []
            var panel: HTML?
            if let id = query.text("open"), let invocation = try await console.store.invocation(id: id) {
                panel = InvocationPanel.render(invocation)
            }
            var flash: HTML?
            if let queued = query.text("queued"), let from = query.text("from"),
                let source = try await console.store.invocation(id: from)
            {
                flash = """
                    <p id="flash">Queued \(queued): event \(source.eventID) to \(source.webhook) again (from \(from)), \
                    with trigger Redelivery; a running runner sends it.</p>
                    """
            }
            return ConsoleResponse.html(
                HistoryPage.render(
                    invocations: invocations, filter: filter, session: session, flash: flash, panel: panel),
                status: filter.problems.isEmpty ? .ok : .badRequest)
        } catch {
            return failure(error, session: session)
        }
    }

    func panel(_ id: String, session: ConsoleSession) async -> Response {
        do throws(StoreError) {
            guard let invocation = try await console.store.invocation(id: id) else { return notFound(id, session) }
            return ConsoleResponse.html(InvocationPanel.render(invocation))
        } catch {
            return failure(error, session: session)
        }
    }

    func check(_ form: DraftForm) -> DraftCheck { DraftCheck(form, allowTargets: console.configuration.allowTargets) }

    // MARK: Actions

    func test(_ name: String, form: FormFields, session: ConsoleSession) async -> Response {
        do throws(StoreError) {
            guard let live = try await console.snapshot().webhooks[name] else { return notFound(name, session) }
            let text = form.text("trigger") ?? live.state.webhook.triggers.first?.rawValue ?? Trigger.created.rawValue
            guard let trigger = Trigger.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
                return ConsoleResponse.html(
                    Layout.refusal(
                        "Bad trigger",
                        "trigger \"\(text)\" is not one of \(Trigger.allCases.map(\.rawValue).joined(separator: ", "))",
                        session: session),
                    status: .badRequest)
            }
            let sent = try await TestSend(
                store: console.store, key: console.key, sender: console.sender,
                retention: console.configuration.retention
            ).send(live, trigger: trigger, now: console.now)
            console.logger.info(
                "console test",
                metadata: [
                    "webhook": "\(name)", "trigger": "\(trigger.rawValue)", "status": "\(sent.status.rawValue)",
                    "invocation": "\(sent.id)",
                ])
            return await webhook(name, query: FormFields(), session: session, tested: sent)
        } catch {
            return failure(error, session: session)
        }
    }

    func toggle(_ name: String, _ active: Bool, form: FormFields, session: ConsoleSession) async -> Response {
        do throws(StoreError) {
            guard try await console.snapshot().webhooks[name] != nil else { return notFound(name, session) }
            try await console.store.setActive(name, active)
            console.logger.info("console \(active ? "activate" : "deactivate")", metadata: ["webhook": "\(name)"])
            let back = form.text("back").flatMap { $0.hasPrefix("/webhooks") && !$0.contains("//") ? $0 : nil }
            return ConsoleResponse.redirect("\(back ?? "/webhooks")?changed=\(Format.segment(name))")
        } catch {
            return failure(error, session: session)
        }
    }

    func redeliver(_ id: String, session: ConsoleSession) async -> Response {
        do throws(StoreError) {
            guard let invocation = try await console.store.invocation(id: id) else { return notFound(id, session) }
            guard invocation.trigger != .test else {
                return ConsoleResponse.html(
                    Layout.refusal(
                        "Not redeliverable", "\(id) was a test; only delivered events can be redelivered.",
                        session: session),
                    status: .badRequest)
            }
            let delivery = try await console.store.redeliver(
                eventID: invocation.eventID, webhook: invocation.webhook, now: console.now)
            console.logger.info(
                "console redeliver",
                metadata: [
                    "invocation": "\(id)", "delivery": "\(delivery)",
                    "webhook": "\(invocation.webhook)",
                ])
            return ConsoleResponse.redirect(
                "/history?queued=\(Format.segment(delivery))&from=\(Format.segment(id))")
        } catch {
            return failure(error, session: session)
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
