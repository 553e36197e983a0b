/// Who may use the console and how its cookies are set; `hookctl run` and `hookctl console` fill it.
public struct ConsoleConfiguration: Sendable {
    /// The console token (`HOOKCTL_CONSOLE_TOKEN`, else `.hookctl/console-token`): full access.
    public var adminToken: String
    /// The read-only token (`HOOKCTL_CONSOLE_VIEWER_TOKEN`): pages only, no Test, toggle or Redeliver.
    public var viewerToken: String?
    /// Whether the console is served over TLS, so its session cookie is `Secure`.
    public var secureCookies: Bool
    /// How long a Test's recorded attempt is kept (as `hookctl test --retention`).
    public var retention: Duration
    /// Failed logins allowed per minute over the whole console.
    public var loginAttemptsPerMinute: Int
    /// `--allow-target` entries the draft's URL rules accept (as `validate --allow-target`).
    public var allowTargets: Set<String>

    public init(
        adminToken: String, viewerToken: String? = nil, secureCookies: Bool = false,
        retention: Duration = .seconds(30 * 24 * 3600), loginAttemptsPerMinute: Int = 10,
        allowTargets: Set<String> = []
    ) {
        self.adminToken = adminToken
        self.viewerToken = viewerToken
        self.secureCookies = secureCookies
        self.retention = retention
        self.loginAttemptsPerMinute = loginAttemptsPerMinute
        self.allowTargets = allowTargets
    }

    /// The session cookie's name.
    public static let sessionCookie = "hookctl_session"
    /// The cookie that carries the login form's CSRF token before there is a session.
    static let loginCookie = "hookctl_login"
}
