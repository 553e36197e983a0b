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

    /// Splits an absolute URL; `nil` when it has no scheme, no host or a non-numeric port.
    public init?(_ url: String) {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else {
            return nil
        }
        let afterScheme = url[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex { "/?#".contains($0) } ?? afterScheme.endIndex
        var authority = afterScheme[..<authorityEnd]
        var hasUserInfo = false
        if let at = authority.lastIndex(of: "@") {
            hasUserInfo = true
            authority = authority[authority.index(after: at)...]
        }
        var host = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty { return nil }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty else { return nil }
        var port: Int?
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else { return nil }
            port = value
        }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port
        self.hasUserInfo = hasUserInfo
        self.rest = String(afterScheme[authorityEnd...])
    }
}
