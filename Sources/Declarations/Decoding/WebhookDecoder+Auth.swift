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
            // Both read, so a mistake in each is reported.
            let (username, password) = (secret("username"), secret("password"))
            if ok, let username, let password { return .basic(username: username, password: password) }
        case "bearer":
            if ok, let token = secret("token") { return .bearer(token: token) }
        case "api_key":
            var header: String?
            if let headerNode = entries["header"]?.value,
                let name = string(headerNode, field: "auth.header", example: "header: DD-API-KEY")
            {
                if Self.isToken(name), !Header.reserved.contains(name.lowercased()) {
                    header = name
                } else {
                    error(
                        "headers.name", "auth.header \"\(name)\" is not a header hookctl can send", at: headerNode,
                        notes: ["use a header name such as X-Api-Key"])
                }
            }
            // Read even when the header is wrong, so a mistake in each is reported.
            let value = secret("value")
            if ok, let header, let value { return .apiKey(header: header, value: value) }
        case "oauth2":
            let clientID = secret("client_id")
            let clientSecret = secret("client_secret")
            // Read whatever else is wrong too, so every mistake in the block is reported at once.
            let oauth = readOAuth2(entries, clientID: clientID, clientSecret: clientSecret)
            if ok, let oauth { return .oauth2(oauth) }
        default:
            break
        }
        return .none
    }

    /// The oauth2 block past its credentials (`nil` when one is missing or wrong); every field is checked, so each
    /// of its mistakes is reported.
    private mutating func readOAuth2(
        _ entries: [String: (key: Node, value: Node)], clientID: SecretValue?, clientSecret: SecretValue?
    ) -> OAuth2ClientCredentials? {
        var failed = false
        var tokenURL: String?
        if let urlNode = entries["token_url"]?.value,
            let text = string(
                urlNode, field: "auth.token_url", example: "token_url: https://login.example.com/oauth2/token")
        {
            if case .failure(let problem) = URLRules.check(text, allowTargets: allowTargets) {
                error(
                    problem.code, "auth.token_url: " + problem.message,
                    at: location(of: urlNode, value: text, at: problem.offset), notes: problem.notes)
                failed = true
            } else {
                tokenURL = text
            }
        }
        var scopes: [String] = []
        if let scopesNode = entries["scopes"]?.value {
            if case .sequence(let items) = scopesNode {
                for item in items {
                    if let scope = string(item, field: "auth.scopes[]") { scopes.append(scope) } else { failed = true }
                }
            } else {
                error(
                    "config.type", "auth.scopes must be a list of strings; got \(scopesNode.kindDescription)",
                    at: scopesNode,
                    notes: ["for example: scopes: [events.write]"])
                failed = true
            }
        }
        var audience: String?
        if let entry = entries["audience"] {
            audience = string(entry.value, field: "auth.audience")
            if audience == nil { failed = true }
        }
        guard !failed, let tokenURL, let clientID, let clientSecret else { return nil }
        return OAuth2ClientCredentials(
            tokenURL: tokenURL, clientID: clientID, clientSecret: clientSecret, scopes: scopes, audience: audience)
    }
}
