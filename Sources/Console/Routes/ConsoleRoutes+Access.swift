import AccessEvents
import Foundation
import Hummingbird
import Logging
import NIOCore
import Store
import WebhookModel

/// Who may ask: the session every page needs, the CSRF token and role every action needs, and logging in.
extension ConsoleRoutes {
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
}
