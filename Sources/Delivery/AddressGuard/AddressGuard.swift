import WebhookModel

/// The one SSRF guard for tests, deliveries, redeliveries and OAuth token fetches: HTTPS on port 443 to hosts whose
/// every address is public, unless `--allow-target` exempts the exact host and port.
public struct AddressGuard: Sendable {
    public var resolver: any AddressResolver
    public var allowList: TargetAllowList {
        didSet { judgedURLs = Self.urlCache() }
    }
    /// What the URL alone decides (its parts, the allow list, a literal address), kept per URL: it is the same for
    /// every send to it. Only the host's addresses are asked again, of the resolver (which keeps them for its TTL).
    private var judgedURLs = Self.urlCache()

    public init(resolver: any AddressResolver = SystemResolver(), allowList: TargetAllowList = .empty) {
        self.resolver = resolver
        self.allowList = allowList
    }

    /// Checks `url` and picks the address to connect to; every address the host resolves to must pass. A lookup
    /// gets no longer than what is left of `deadline`, the attempt's.
    public func check(_ url: String, before deadline: SendDeadline? = nil) async -> Result<CheckedTarget, GuardRefusal>
    {
        let judged: JudgedURL
        switch judgedURLs.value(url, make: { judge(url: url) }) {
        case .success(let value): judged = value
        case .failure(let refusal): return .failure(refusal)
        }
        let target = judged.target
        if let literal = judged.literal {
            return literal.map { CheckedTarget(url: target, address: $0, isAllowListed: judged.allowListed) }
        }
        let addresses: [IPAddress]
        do {
            addresses = try await resolver.addresses(of: target.host, before: deadline)
        } catch {
            return .failure(.unresolvable(error.description))
        }
        return Self.judge(host: target.host, addresses: addresses, allowListed: judged.allowListed).map {
            CheckedTarget(url: target, address: $0, isAllowListed: judged.allowListed)
        }
    }

    /// A URL as the guard judges it before any name is resolved.
    struct JudgedURL: Sendable {
        var target: TargetURL
        var allowListed: Bool
        /// For a host written as an IP address, that address or why it is refused; `nil` for a name to resolve.
        var literal: Result<IPAddress, GuardRefusal>?
    }

    static func urlCache() -> BoundedCache<String, Result<JudgedURL, GuardRefusal>> { BoundedCache(capacity: 1_024) }

    /// The checks of `url` that need no resolver (pure).
    func judge(url: String) -> Result<JudgedURL, GuardRefusal> {
        guard let target = TargetURL(url) else { return .failure(.invalidURL(url)) }
        let allowListed = allowList.contains(target)
        if let problem = Self.urlProblem(target, allowListed: allowListed) { return .failure(problem) }
        let literal = Self.literalAddress(target.host).map { Self.judge(literal: $0, allowListed: allowListed) }
        return .success(JudgedURL(target: target, allowListed: allowListed, literal: literal))
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
