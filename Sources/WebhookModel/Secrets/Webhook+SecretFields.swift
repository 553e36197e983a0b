extension Webhook {
    /// Every secret-capable field in a stable order: header values, auth fields, signing secrets.
    public var secretFields: [SecretField] {
        var fields: [SecretField] = []
        _ = mappingSecretFields { field in
            fields.append(field)
            return field.value
        }
        return fields
    }

    /// A copy with each secret-capable value passed through `transform`, which sees the field as `secretFields`
    /// lists it.
    public func mappingSecretFields(_ transform: (SecretField) -> SecretValue) -> Webhook {
        var copy = self
        func map(_ path: String, _ value: SecretValue) -> SecretValue {
            transform(SecretField(path: path, value: value, isSensitive: true))
        }
        copy.headers = headers.map { header in
            var mapped = header
            mapped.value = transform(
                SecretField(path: "headers.\(header.name)", value: header.value, isSensitive: header.isSensitive))
            return mapped
        }
        switch auth {
        case .none: break
        case .basic(let username, let password):
            copy.auth = .basic(username: map("auth.username", username), password: map("auth.password", password))
        case .bearer(let token):
            copy.auth = .bearer(token: map("auth.token", token))
        case .apiKey(let header, let value):
            copy.auth = .apiKey(header: header, value: map("auth.value", value))
        case .oauth2(var oauth):
            oauth.clientID = map("auth.client_id", oauth.clientID)
            oauth.clientSecret = map("auth.client_secret", oauth.clientSecret)
            copy.auth = .oauth2(oauth)
        }
        if var signing {
            signing.secrets = signing.secrets.enumerated().map { map("signing.secrets[\($0.offset)]", $0.element) }
            copy.signing = signing
        }
        return copy
    }
}
