import WebhookModel
import Yams

extension WebhookDecoder {
    static let tokenCharacters = Set(
        "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".unicodeScalars)

    static func isToken(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { tokenCharacters.contains($0) }
    }

    mutating func readHeaders(_ node: Node) -> [Header] {
        guard let mapping = mapping(node, field: "headers", example: "headers:\n  Accept: application/json") else {
            return []
        }
        if mapping.count > Header.maxCount {
            let extra = Array(mapping)[Header.maxCount].key
            error(
                "headers.too-many", "\(mapping.count) headers declared; a webhook may send at most \(Header.maxCount)",
                at: extra)
        }
        var headers: [Header] = []
        var seen: [String: SourceLocation] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string, !key.isNull else {
                error("config.type", "a header name must be a string; got \(key.kindDescription)", at: key)
                continue
            }
            let lower = name.lowercased()
            fieldLocations["headers.\(name)#key"] = location(of: key)
            if !Self.isToken(name) {
                error(
                    "headers.name", "\"\(name)\" is not a valid HTTP header name", at: key,
                    notes: ["header names are letters, digits and !#$%&'*+-.^_`|~, without spaces or colons"])
                continue
            }
            if Header.reserved.contains(lower) {
                error(
                    "headers.reserved", "header \(name) is set by the HTTP client and cannot be declared", at: key,
                    notes: ["hookctl sets Host, Content-Length, Transfer-Encoding and Connection itself"])
                continue
            }
            if let first = seen[lower] {
                error(
                    "headers.duplicate", "header \(name) is declared twice (header names ignore case)", at: key,
                    notes: ["first declared at \(first)"])
                continue
            }
            seen[lower] = location(of: key)
            guard let secret = secretValue(value, path: "headers.\(name)", field: "header \(name)") else { continue }
            if case .literal(let text) = secret {
                if let bad = text.unicodeScalars.first(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
                    let what = bad == "\r" ? "a carriage return" : bad == "\n" ? "a line feed" : "a NUL character"
                    // Hidden whatever the header's name: `sensitive_headers` is read after the headers, and this one
                    // is dropped, so nothing later would hide it.
                    sensitiveSpans.append(location(of: value))
                    error(
                        "headers.value", "the value of header \(name) contains \(what)", at: value,
                        notes: ["header values are one line; a folded (>) or literal (|) block adds a newline"])
                    continue
                }
            }
            headers.append(Header(name: name, value: secret))
        }
        return headers
    }

    /// A value that may be a `${env:NAME}`/`${file:PATH}` reference; checks the reference's syntax only.
    mutating func secretValue(_ node: Node, path: String, field: String) -> SecretValue? {
        guard case .scalar(let scalar) = node, !node.isNull else {
            error(
                "config.type", "\(field) must be a string or a ${env:NAME} reference; got \(node.kindDescription)",
                at: node)
            return nil
        }
        remember(path, node)
        let text = scalar.string
        switch SecretRef.parse(text) {
        case .success(let ref)?:
            return .reference(ref)
        case .failure(let problem)?:
            error("secret.syntax", problem.description, at: node)
            return nil
        case nil:
            if text.contains("${env:") || text.contains("${file:") {
                error(
                    "secret.syntax", "a reference must be the whole value of \(field)", at: node,
                    notes: [
                        "put the prefix into the secret itself, e.g. export TOKEN='Splunk abc…' and write ${env:TOKEN}"
                    ])
                return nil
            }
            // Auth fields and signing secrets are always secrets; a header's value is one when the header is
            // sensitive, which `warnAboutLiteralCredentials` decides once sensitive_headers is read.
            if !path.hasPrefix("headers."), !text.isEmpty { sensitiveSpans.append(location(of: node)) }
            return .literal(text)
        }
    }

    /// `signing` sets the Standard Webhooks headers of every request: a declared one would be replaced, unsaid.
    mutating func checkSigningConflict(headers: [Header], signingKey: Node) {
        let claimed: Set = ["webhook-id", "webhook-timestamp", "webhook-signature"]
        for header in headers where claimed.contains(header.name.lowercased()) {
            error(
                "headers.signing-conflict", "header \(header.name) conflicts with signing, which sets it",
                at: fieldLocations["headers.\(header.name)#key"] ?? location(of: signingKey),
                notes: [
                    "signing sets webhook-id, webhook-timestamp and webhook-signature on every request; remove the header"
                ])
        }
    }

    mutating func checkAuthorizationConflict(headers: [Header], auth: Auth, authKey: Node?) {
        guard auth != .none else { return }
        var claimed = ["authorization"]
        if case .apiKey(let header, _) = auth { claimed.append(header.lowercased()) }
        for header in headers where claimed.contains(header.name.lowercased()) {
            let at = fieldLocations["headers.\(header.name)#key"] ?? authKey.map { location(of: $0) }
            error(
                "headers.auth-conflict",
                "header \(header.name) conflicts with auth type \(auth.typeName), which sets it",
                at: at ?? SourceLocation(file: file, line: 1, column: 1),
                notes: ["remove the header, or remove the auth block"])
        }
    }
}
