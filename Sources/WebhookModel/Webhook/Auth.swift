/// How a webhook authorizes itself to the receiver.
public enum Auth: Hashable, Sendable, Codable {
    case none
    case basic(username: SecretValue, password: SecretValue)
    case bearer(token: SecretValue)
    /// A key sent in a named header, e.g. `DD-API-KEY`.
    case apiKey(header: String, value: SecretValue)
    case oauth2(OAuth2ClientCredentials)

    /// The `type:` value that declares this kind of authorization.
    public var typeName: String {
        switch self {
        case .none: "none"
        case .basic: "basic"
        case .bearer: "bearer"
        case .apiKey: "api_key"
        case .oauth2: "oauth2"
        }
    }

    /// Every accepted `type:` value, in documentation order.
    public static let typeNames = ["none", "basic", "bearer", "api_key", "oauth2"]
}

/// OAuth 2.0 client-credentials grant: a token is fetched from `tokenURL` and sent as a bearer token.
public struct OAuth2ClientCredentials: Hashable, Sendable, Codable {
    public var tokenURL: String
    public var clientID: SecretValue
    public var clientSecret: SecretValue
    public var scopes: [String]
    public var audience: String?

    public init(
        tokenURL: String, clientID: SecretValue, clientSecret: SecretValue, scopes: [String] = [],
        audience: String? = nil
    ) {
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scopes = scopes
        self.audience = audience
    }
}
