import WebhookModel
import Yams

extension WebhookDecoder {
    static let authFields: [String: [String]] = [
        "none": [],
        "basic": ["username", "password"],
        "bearer": ["token"],
        "api_key": ["header", "value"],
        "oauth2": ["token_url", "client_id", "client_secret", "scopes", "audience"],
    ]
    static let optionalAuthFields: Set<String> = ["scopes", "audience"]
    /// Auth fields whose literal value is a credential.
    static let credentialAuthFields: Set<String> = ["password", "token", "value", "client_secret"]

    mutating func readAuth(_ node: Node) -> Auth {
        let example = "auth:\n  type: bearer\n  token: ${env:API_TOKEN}"
        guard let mapping = mapping(node, field: "auth", example: example) else { return .none }
        let allKeys = ["type"] + Set(Self.authFields.values.joined()).sorted()
        guard let typeEntry = mapping.first(where: { $0.key.scalar?.string == "type" }) else {
            error(
                "auth.type", "auth needs a type", at: node,
                notes: ["accepted types: " + Auth.typeNames.joined(separator: ", "), "for example:\n\(example)"])
            _ = fields(of: mapping, in: "auth", allowed: allKeys)
            return .none
        }
        guard let type = string(typeEntry.value, field: "auth.type") else { return .none }
        guard let allowed = Self.authFields[type] else {
            error(
                "auth.type", "unknown auth type \"\(type)\"\(Suggestion.phrase(for: type, in: Auth.typeNames))",
                at: typeEntry.value, notes: ["accepted types: " + Auth.typeNames.joined(separator: ", ")])
            return .none
        }
        let entries = fields(of: mapping, in: "auth (type \(type))", allowed: ["type"] + allowed)
        var ok = true
        for name in allowed where entries[name] == nil && !Self.optionalAuthFields.contains(name) {
            error(
                "auth.missing-field", "auth type \(type) needs \(name)", at: typeEntry.key,
                notes: ["\(type) takes: " + allowed.joined(separator: ", ")])
            ok = false
        }
        func secret(_ name: String) -> SecretValue? {
            guard let entry = entries[name] else { return nil }
            guard let value = secretValue(entry.value, path: "auth.\(name)", field: "auth.\(name)") else { return nil }
            if Self.credentialAuthFields.contains(name), case .literal = value {
                warning(
                    "secret.literal", "auth.\(name) is written in plain text", at: entry.value,
                    notes: ["reference it instead: \(name): ${env:\(type.uppercased())_\(name.uppercased())}"])
            }
            return value
        }
        switch type {
        case "basic":
            if ok, let username = secret("username"), let password = secret("password") {
                return .basic(username: username, password: password)
            }
        case "bearer":
            if ok, let token = secret("token") { return .bearer(token: token) }
        case "api_key":
            guard ok, let headerNode = entries["header"]?.value,
                let header = string(headerNode, field: "auth.header", example: "header: DD-API-KEY")
            else { return .none }
            guard Self.isToken(header), !Header.reserved.contains(header.lowercased()) else {
                error(
                    "headers.name", "auth.header \"\(header)\" is not a header hookctl can send", at: headerNode,
                    notes: ["use a header name such as X-Api-Key"])
                return .none
            }
            if let value = secret("value") { return .apiKey(header: header, value: value) }
        case "oauth2":
            let clientID = secret("client_id")
            let clientSecret = secret("client_secret")
            if ok, let clientID, let clientSecret,
                let oauth = readOAuth2(entries, clientID: clientID, clientSecret: clientSecret)
            {
                return .oauth2(oauth)
            }
        default:
            break
        }
        return .none
    }

    private mutating func readOAuth2(
        _ entries: [String: (key: Node, value: Node)], clientID: SecretValue, clientSecret: SecretValue
    ) -> OAuth2ClientCredentials? {
        guard let urlNode = entries["token_url"]?.value,
            let tokenURL = string(
                urlNode, field: "auth.token_url", example: "token_url: https://login.example.com/oauth2/token")
        else { return nil }
        if case .failure(let problem) = URLRules.check(tokenURL, allowTargets: allowTargets) {
            error(
                problem.code, "auth.token_url: " + problem.message,
                at: location(of: urlNode, value: tokenURL, at: problem.offset), notes: problem.notes)
            return nil
        }
        var scopes: [String] = []
        if let scopesNode = entries["scopes"]?.value {
            guard case .sequence(let items) = scopesNode else {
                error(
                    "config.type", "auth.scopes must be a list of strings; got \(scopesNode.kindDescription)",
                    at: scopesNode,
                    notes: ["for example: scopes: [events.write]"])
                return nil
            }
            for item in items {
                guard let scope = string(item, field: "auth.scopes[]") else { return nil }
                scopes.append(scope)
            }
        }
        let audience = entries["audience"].flatMap { string($0.value, field: "auth.audience") }
        return OAuth2ClientCredentials(
            tokenURL: tokenURL, clientID: clientID, clientSecret: clientSecret, scopes: scopes, audience: audience)
    }
}
