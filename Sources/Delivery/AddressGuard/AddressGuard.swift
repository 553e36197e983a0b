import WebhookModel

/// The one SSRF guard for tests, deliveries, redeliveries and OAuth token fetches: HTTPS on port 443 to hosts whose
/// every address is public, unless `--allow-target` exempts the exact host and port.
public struct AddressGuard: Sendable {
    public var resolver: any AddressResolver
    public var allowList: TargetAllowList

    public init(resolver: any AddressResolver = SystemResolver(), allowList: TargetAllowList = .empty) {
        self.resolver = resolver
        self.allowList = allowList
    }

    /// Checks `url` and picks the address to connect to; every address the host resolves to must pass.
    public func check(_ url: String) async -> Result<CheckedTarget, GuardRefusal> {
        guard let target = TargetURL(url) else { return .failure(.invalidURL(url)) }
        let allowListed = allowList.contains(target)
        if let problem = Self.urlProblem(target, allowListed: allowListed) { return .failure(problem) }
        if let literal = Self.literalAddress(target.host) {
            return Self.judge(literal: literal, allowListed: allowListed).map {
                CheckedTarget(url: target, address: $0, isAllowListed: allowListed)
            }
        }
        let addresses: [IPAddress]
        do {
            addresses = try await resolver.addresses(of: target.host)
        } catch {
            return .failure(.unresolvable(error.description))
        }
        return Self.judge(host: target.host, addresses: addresses, allowListed: allowListed).map {
            CheckedTarget(url: target, address: $0, isAllowListed: allowListed)
        }
    }

    /// The scheme, user-info and port rules (pure).
    static func urlProblem(_ target: TargetURL, allowListed: Bool) -> GuardRefusal? {
        if target.hasUserInfo { return .userInfo }
        if allowListed { return target.scheme == "https" || target.scheme == "http" ? nil : .scheme(target.scheme) }
        guard target.scheme == "https" else { return .scheme(target.scheme) }
        if target.effectivePort != 443 { return .port(target.effectivePort) }
        return nil
    }

    /// A host written as an IP address, in any notation HTTP clients accept (`127.1`, `0x7f.0.0.1`, `[::1]`).
    static func literalAddress(_ host: String) -> IPAddress? {
        if host.contains(":") { return IPAddress(host) }
        let name = host.hasSuffix(".") ? String(host.dropLast()) : host
        switch IPAddress.parseURLHostIPv4(name) {
        case .address(let value)?: return .v4(value)
        default: return nil
        }
    }

    /// The address to connect to for a literal host, or why it is refused (pure).
    static func judge(literal: IPAddress, allowListed: Bool) -> Result<IPAddress, GuardRefusal> {
        let kind = literal.classification
        guard allowListed || kind == .public else { return .failure(.literal(literal, kind)) }
        return .success(literal)
    }

    /// The address to connect to when `host` resolved to `addresses`: refused if any one is not public (pure).
    static func judge(host: String, addresses: [IPAddress], allowListed: Bool) -> Result<IPAddress, GuardRefusal> {
        guard let first = addresses.first else {
            return .failure(.unresolvable("cannot resolve \(host): no addresses"))
        }
        guard !allowListed else { return .success(first) }
        for address in addresses where address.classification != .public {
            return .failure(.resolved(host, address, address.classification))
        }
        return .success(first)
    }
}
