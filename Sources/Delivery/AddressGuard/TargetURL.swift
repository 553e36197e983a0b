import WebhookModel

/// The parts of a webhook URL the address guard and the sender need: `scheme://host[:port]/path?query`.
public struct TargetURL: Hashable, Sendable {
    /// Lower case: `https` or `http`.
    public var scheme: String
    /// Lower case, without IPv6 brackets.
    public var host: String
    /// The port as written, or `nil` for the scheme's default.
    public var port: Int?
    public var hasUserInfo: Bool
    /// The path, query and fragment as written (may be empty).
    public var rest: String

    /// The port connected to: the written one or the scheme's default.
    public var effectivePort: Int { port ?? (scheme == "http" ? 80 : 443) }

    /// The host as it appears in a URL authority (IPv6 in brackets).
    public var authorityHost: String { host.contains(":") ? "[\(host)]" : host }

    /// Normalizes an absolute URL; `nil` when it has no scheme, no host or a port that is not 1–65535.
    public init?(_ url: String) {
        guard let parts = URLParts(url) else { return nil }
        var port: Int?
        if let text = parts.port {
            guard let value = Int(text), (1...65535).contains(value) else { return nil }
            port = value
        }
        let host = parts.host.hasPrefix("[") ? String(parts.host.dropFirst().dropLast()) : parts.host
        scheme = parts.scheme.lowercased()
        self.host = host.lowercased()
        self.port = port
        hasUserInfo = parts.userInfo != nil
        rest = parts.rest
    }
}
