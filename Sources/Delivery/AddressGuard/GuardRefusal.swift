public import WebhookModel

/// Why the address guard refused a target, phrased for history: `target resolves to 10.0.0.5, a private address`.
public struct GuardRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case invalidURL(String)
        case scheme(String)
        case userInfo
        case port(Int)
        case unresolvable(String)
        case literal(IPAddress, AddressClass)
        case resolved(String, IPAddress, AddressClass)
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    static func invalidURL(_ url: String) -> GuardRefusal { GuardRefusal(.invalidURL(url)) }
    static func scheme(_ scheme: String) -> GuardRefusal { GuardRefusal(.scheme(scheme)) }
    static let userInfo = GuardRefusal(.userInfo)
    static func port(_ port: Int) -> GuardRefusal { GuardRefusal(.port(port)) }
    static func unresolvable(_ reason: String) -> GuardRefusal { GuardRefusal(.unresolvable(reason)) }
    static func literal(_ address: IPAddress, _ kind: AddressClass) -> GuardRefusal {
        GuardRefusal(.literal(address, kind))
    }
    static func resolved(_ host: String, _ address: IPAddress, _ kind: AddressClass) -> GuardRefusal {
        GuardRefusal(.resolved(host, address, kind))
    }

    /// Whether the host could not be resolved (DNS may answer later), as opposed to a target the rules refuse.
    public var isUnresolvable: Bool {
        if case .unresolvable = kind { return true }
        return false
    }

    /// The refused address, when the refusal is about an address.
    public var address: IPAddress? {
        switch kind {
        case .literal(let address, _), .resolved(_, let address, _): address
        default: nil
        }
    }

    public var description: String {
        switch kind {
        case .invalidURL(let url): "\"\(url)\" is not an absolute URL"
        case .scheme(let scheme): "scheme \(scheme) is not allowed; webhooks use https"
        case .userInfo: "the URL carries a user name or password"
        case .port(let port): "port \(port) is not allowed; webhooks go to port 443"
        case .unresolvable(let reason): reason
        case .literal(let address, let kind): "target \(address) is \(kind)"
        case .resolved(let host, let address, let kind): "target \(host) resolves to \(address), \(kind)"
        }
    }
}
