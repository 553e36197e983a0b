/// One outbound webhook, as declared in `webhooks.d` and as stored in the live state.
public struct Webhook: Hashable, Sendable, Codable, Identifiable {
    /// How `{{value}}` is escaped in the body template.
    public enum Escape: String, Hashable, Sendable, Codable, CaseIterable {
        /// JSON-aware: escaped as string content inside a JSON string, emitted as a JSON literal elsewhere.
        case json
        /// Byte-identical to handlebars.js.
        case html
        case none
    }

    public var name: String
    public var active: Bool
    public var method: HTTPMethod
    public var url: String
    public var headers: [Header]
    public var auth: Auth
    /// Distinct, in declaration order.
    public var triggers: [Trigger]
    /// Narrows the triggers' events to those that pass; `nil` receives them all.
    public var filter: Filter?
    /// The template text; for `body_file` the file's content.
    public var body: String
    /// The `body_file` path as declared, when the body came from a file.
    public var bodyFile: String?
    public var escape: Escape
    public var timeout: Duration
    public var retry: RetryPolicy
    public var signing: Signing?
    /// A protected webhook is never deleted by `apply` until a plan first sets `protect: false`.
    public var protect: Bool
    /// Whether one access request's events (same `data.id`) are delivered in `event_time` order: a later event
    /// waits until the earlier one succeeded or finally failed.
    public var ordered: Bool

    public var id: String { name }

    public static let defaultTimeout: Duration = .seconds(10)
    public static let timeoutRange: ClosedRange<Duration> = .seconds(1) ... .seconds(30)
    public static let maxNameLength = 64

    public init(
        name: String, active: Bool = true, method: HTTPMethod, url: String, headers: [Header] = [],
        auth: Auth = .none, triggers: [Trigger], body: String, bodyFile: String? = nil, escape: Escape = .json,
        timeout: Duration = Webhook.defaultTimeout, retry: RetryPolicy = .standard, signing: Signing? = nil,
        protect: Bool = false, filter: Filter? = nil, ordered: Bool = false
    ) {
        self.name = name
        self.active = active
        self.method = method
        self.url = url
        self.headers = headers
        self.auth = auth
        self.triggers = triggers
        self.body = body
        self.bodyFile = bodyFile
        self.escape = escape
        self.timeout = timeout
        self.retry = retry
        self.signing = signing
        self.protect = protect
        self.filter = filter
        self.ordered = ordered
    }

    /// Whether a webhook name is 1–64 letters, digits, `-`, `_` or `.`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.count <= maxNameLength
            && name.unicodeScalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
                        || $0 == "-" || $0 == "_" || $0 == ".")
            }
    }
}
