/// An absolute URL split as written: `scheme://[userinfo@]host[:port][/path?query#fragment]`. The one splitter the
/// declaration rules (which quote what was written) and the address guard (which normalizes it) share.
public struct URLParts: Hashable, Sendable {
    /// As written: letters first, then letters, digits, `+`, `-` or `.`.
    public var scheme: String
    /// What stands before the last `@` of the authority, if anything does.
    public var userInfo: String?
    /// As written; an IPv6 literal keeps its brackets.
    public var host: String
    /// The text after the host's `:`, as written (not necessarily a number).
    public var port: String?
    /// The path, query and fragment as written (may be empty).
    public var rest: String

    /// `nil` when the text has no valid scheme, no host, or text between an IPv6 literal and its port.
    public init?(_ url: String) {
        guard let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://") else { return nil }
        let scheme = String(url[..<colon])
        guard let first = scheme.unicodeScalars.first, first.properties.isAlphabetic,
            scheme.unicodeScalars.allSatisfy({
                $0.isASCII && ($0.properties.isAlphabetic || "+-.0123456789".unicodeScalars.contains($0))
            })
        else { return nil }
        let afterScheme = url[url.index(colon, offsetBy: 3)...]
        let authorityEnd = afterScheme.firstIndex { "/?#".contains($0) } ?? afterScheme.endIndex
        var authority = afterScheme[..<authorityEnd]
        var userInfo: String?
        if let at = authority.lastIndex(of: "@") {
            userInfo = String(authority[..<at])
            authority = authority[authority.index(after: at)...]
        }
        var host = String(authority)
        var port: String?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = String(authority[...close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { port = String(after.dropFirst()) } else if !after.isEmpty { return nil }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            port = String(authority[authority.index(after: colon)...])
        }
        guard !host.isEmpty else { return nil }
        self.scheme = scheme
        self.userInfo = userInfo
        self.host = host
        self.port = port
        self.rest = String(afterScheme[authorityEnd...])
    }
}
