/// Targets exempt from the address and port rules, for local testing only (`--allow-target HOST:PORT`).
public struct TargetAllowList: Hashable, Sendable {
    /// Normalized `host:port` entries: host lower case, IPv6 in brackets.
    public private(set) var entries: Set<String>

    public static let empty = TargetAllowList()

    public init() { entries = [] }

    /// Parses `HOST:PORT` entries; throws the first malformed one.
    public init(_ texts: [String]) throws(AllowTargetError) {
        entries = []
        for text in texts { try insert(text) }
    }

    /// Adds one `HOST:PORT` entry.
    public mutating func insert(_ text: String) throws(AllowTargetError) {
        let trimmed = text.trimmingWhitespace()
        guard let colon = trimmed.lastIndex(of: ":"), let port = Int(trimmed[trimmed.index(after: colon)...]),
            (1...65535).contains(port)
        else {
            throw AllowTargetError("\"\(text)\" is not HOST:PORT (e.g. 127.0.0.1:8443 or [::1]:8443)")
        }
        var host = String(trimmed[..<colon]).lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains("/"), !host.contains("@") else {
            throw AllowTargetError("\"\(text)\" is not HOST:PORT (e.g. 127.0.0.1:8443 or [::1]:8443)")
        }
        entries.insert(Self.key(host: host, port: port))
    }

    /// Whether this exact host and port are exempt.
    public func contains(host: String, port: Int) -> Bool {
        entries.contains(Self.key(host: host.lowercased(), port: port))
    }

    /// Whether the URL's host and effective port are exempt.
    public func contains(_ url: TargetURL) -> Bool { contains(host: url.host, port: url.effectivePort) }

    public var isEmpty: Bool { entries.isEmpty }

    private static func key(host: String, port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

/// A malformed `--allow-target` value.
public struct AllowTargetError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension String {
    fileprivate func trimmingWhitespace() -> Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<end]
    }
}
