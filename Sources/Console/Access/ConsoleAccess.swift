import Foundation
import Hummingbird
import WebhookModel

/// Who is asking: tokens checked in constant time, sessions from the `hookctl_session` cookie, CSRF tokens on every
/// state-changing request, and the login limit.
struct ConsoleAccess: Sendable {
    let admin: TokenMatch
    let viewer: TokenMatch?
    let sessions = SessionStore()
    let limiter: LoginLimiter
    let secureCookies: Bool

    init(configuration: ConsoleConfiguration) {
        admin = TokenMatch(configuration.adminToken)
        viewer = configuration.viewerToken.flatMap { $0.isEmpty ? nil : TokenMatch($0) }
        limiter = LoginLimiter(limit: configuration.loginAttemptsPerMinute)
        secureCookies = configuration.secureCookies
    }

    /// The role a presented token grants, or `nil`. Both tokens are always compared, so the time taken does not
    /// say which one was nearly right.
    func role(for token: String) -> ConsoleRole? {
        let isAdmin = admin.matches(token)
        let isViewer = viewer?.matches(token) ?? false
        return isAdmin ? .admin : isViewer ? .viewer : nil
    }

    /// The request's live session, if its cookie names one.
    func session(_ request: Request, now: Date) -> ConsoleSession? {
        guard let id = request.cookies[ConsoleConfiguration.sessionCookie]?.value, !id.isEmpty else { return nil }
        return sessions.session(id: id, now: now)
    }

    /// Whether a state-changing request carries its session's CSRF token, in the `X-CSRF-Token` header (scripts) or
    /// the form's `csrf` field.
    func csrfAccepted(_ request: Request, form: FormFields, expected: String) -> Bool {
        let given = request.headers[.init("X-CSRF-Token")!] ?? form.first("csrf") ?? ""
        return !given.isEmpty && TokenMatch(expected).matches(given)
    }

    /// `Set-Cookie` for a session: `HttpOnly`, `SameSite=Strict`, `Path=/`, `Secure` over TLS.
    func sessionCookie(_ session: ConsoleSession) -> String {
        cookie(ConsoleConfiguration.sessionCookie, session.id, maxAge: Int(SessionStore.lifetime))
    }

    /// `Set-Cookie` for the login form's CSRF token (double-submit: the form's hidden field must equal it).
    func loginCookie(_ token: String) -> String {
        cookie(ConsoleConfiguration.loginCookie, token, maxAge: 3600)
    }

    /// `Set-Cookie` that clears `name`.
    func expiredCookie(_ name: String) -> String { cookie(name, "", maxAge: 0) }

    private func cookie(_ name: String, _ value: String, maxAge: Int) -> String {
        "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict" + (secureCookies ? "; Secure" : "")
    }
}
