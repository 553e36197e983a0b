public import WebhookModel

extension Webhook {
    /// Every secret-capable field in a stable order: header values, auth fields, signing secrets.
    public var secretFields: [SecretField] {
        var fields = headers.map { SecretField(path: "headers.\($0.name)", value: $0.value) }
        switch auth {
        case .none: break
        case .basic(let username, let password):
            fields += [
                SecretField(path: "auth.username", value: username),
                SecretField(path: "auth.password", value: password),
            ]
        case .bearer(let token):
            fields.append(SecretField(path: "auth.token", value: token))
        case .apiKey(_, let value):
            fields.append(SecretField(path: "auth.value", value: value))
        case .oauth2(let oauth):
            fields += [
                SecretField(path: "auth.client_id", value: oauth.clientID),
                SecretField(path: "auth.client_secret", value: oauth.clientSecret),
            ]
        }
        for (i, secret) in (signing?.secrets ?? []).enumerated() {
            fields.append(SecretField(path: "signing.secrets[\(i)]", value: secret))
        }
        return fields
    }

    /// A copy with each secret-capable value passed through `transform(path, value)`.
    public func mappingSecretFields(_ transform: (String, SecretValue) -> SecretValue) -> Webhook {
        var copy = self
        copy.headers = headers.map { Header(name: $0.name, value: transform("headers.\($0.name)", $0.value)) }
        switch auth {
        case .none: break
        case .basic(let username, let password):
            copy.auth = .basic(
                username: transform("auth.username", username), password: transform("auth.password", password))
        case .bearer(let token):
            copy.auth = .bearer(token: transform("auth.token", token))
        case .apiKey(let header, let value):
            copy.auth = .apiKey(header: header, value: transform("auth.value", value))
        case .oauth2(var oauth):
            oauth.clientID = transform("auth.client_id", oauth.clientID)
            oauth.clientSecret = transform("auth.client_secret", oauth.clientSecret)
            copy.auth = .oauth2(oauth)
        }
        if var signing {
            signing.secrets = signing.secrets.enumerated().map {
                transform("signing.secrets[\($0.offset)]", $0.element)
            }
            copy.signing = signing
        }
        return copy
    }
}
