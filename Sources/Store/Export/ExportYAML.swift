import WebhookModel

/// Writes a live webhook as a `webhooks.d` declaration; secrets appear as references, never as values (`hookctl
/// export`, and the console's declaration as stored).
public enum ExportYAML {
    public static func document(_ state: StoredWebhook) -> String {
        let w = state.webhook
        var lines: [String] = []
        var placeholders: [String] = []
        func secret(_ path: String, _ value: SecretValue, sensitive: Bool = true) -> String {
            // A sensitive literal is exported as a placeholder: a redacted one, and one a store written before its
            // header counted as sensitive still holds in plain text.
            guard case .literal = value, value == SecretField.redacted || sensitive else {
                return scalar(value.declaredText, reference: true)
            }
            let variable = placeholderVariable(name: w.name, path: path)
            placeholders.append("#   \(path) was a literal; its value is not exported. Set \(variable), or edit.")
            return "${env:\(variable)}"
        }
        lines.append("name: \(scalar(w.name))")
        if !w.active { lines.append("active: false") }
        lines.append("method: \(w.method.rawValue)")
        lines.append("url: \(scalar(w.url))")
        if !w.headers.isEmpty {
            lines.append("headers:")
            for header in w.headers {
                let value = secret("headers.\(header.name)", header.value, sensitive: header.isSensitive)
                lines.append("  \(scalar(header.name)): \(value)")
            }
        }
        let marked = w.headers.filter(\.markedSensitive).map { scalar($0.name) }
        if !marked.isEmpty { lines.append("sensitive_headers: [\(marked.joined(separator: ", "))]") }
        lines += auth(w.auth) { secret($0, $1) }
        lines.append("triggers: [\(w.triggers.map(\.rawValue).joined(separator: ", "))]")
        lines += filter(w.filter)
        if w.escape != .json { lines.append("escape: \(w.escape.rawValue)") }
        if w.timeout != Webhook.defaultTimeout { lines.append("timeout: \(DurationText.format(w.timeout))") }
        if w.retry != .standard {
            lines.append("retry:")
            lines.append("  max_attempts: \(w.retry.maxAttempts)")
            lines.append("  schedule: [\(w.retry.schedule.map(DurationText.format).joined(separator: ", "))]")
        }
        if let signing = w.signing {
            lines.append("signing:")
            lines.append("  secrets:")
            for (i, value) in signing.secrets.enumerated() {
                lines.append("    - \(secret("signing.secrets[\(i)]", value))")
            }
        }
        if w.protect { lines.append("protect: true") }
        if w.ordered { lines.append("ordered: true") }
        lines.append(body(w.body))
        let header =
            placeholders.isEmpty
            ? "" : "# Secrets to supply before applying:\n" + placeholders.joined(separator: "\n") + "\n"
        return header + lines.joined(separator: "\n") + "\n"
    }

    private static func auth(_ auth: Auth, secret: (String, SecretValue) -> String) -> [String] {
        switch auth {
        case .none:
            return []
        case .basic(let username, let password):
            return [
                "auth:", "  type: basic", "  username: \(secret("auth.username", username))",
                "  password: \(secret("auth.password", password))",
            ]
        case .bearer(let token):
            return ["auth:", "  type: bearer", "  token: \(secret("auth.token", token))"]
        case .apiKey(let header, let value):
            return [
                "auth:", "  type: api_key", "  header: \(scalar(header))", "  value: \(secret("auth.value", value))",
            ]
        case .oauth2(let oauth):
            var lines = [
                "auth:", "  type: oauth2", "  token_url: \(scalar(oauth.tokenURL))",
                "  client_id: \(secret("auth.client_id", oauth.clientID))",
                "  client_secret: \(secret("auth.client_secret", oauth.clientSecret))",
            ]
            if !oauth.scopes.isEmpty {
                lines.append("  scopes: [\(oauth.scopes.map { scalar($0) }.joined(separator: ", "))]")
            }
            if let audience = oauth.audience { lines.append("  audience: \(scalar(audience))") }
            return lines
        }
    }

    /// The body as a literal block (`|`, `|-`, `|+`, with an indentation indicator when needed), or a quoted
    /// string when a block cannot hold it exactly.
    public static func body(_ text: String) -> String {
        let printable = text.unicodeScalars.allSatisfy {
            $0 == "\n" || $0 == "\t" || ($0.value >= 0x20 && $0.value != 0x7F)
        }
        guard printable, !text.isEmpty else { return "body: \(quoted(text))" }
        var content = Substring(text)
        var trailing = 0
        while content.hasSuffix("\n") {
            content.removeLast()
            trailing += 1
        }
        let chomp = trailing == 0 ? "-" : trailing == 1 ? "" : "+"
        let indicator = content.first == " " || content.first == "\n" ? "2" : ""
        let lines = text.dropLast(trailing == 0 ? 0 : 1).split(separator: "\n", omittingEmptySubsequences: false)
        return "body: |\(indicator)\(chomp)\n" + lines.map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
    }

    /// A scalar written plain when that reads back as the same string, else double-quoted.
    public static func scalar(_ text: String, reference: Bool = false) -> String {
        if reference, text.hasPrefix("${"), text.hasSuffix("}"), !text.contains(" "), !text.contains("#") {
            return text
        }
        return isSafePlain(text) ? text : quoted(text)
    }

    private static func isSafePlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !text.hasSuffix(":") else { return false }
        let allowed = text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "-_./:".unicodeScalars.contains($0)
        }
        let reserved = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"].contains(text.lowercased())
        return allowed && !reserved && !("0"..."9").contains(first) && !"-.:".unicodeScalars.contains(first)
    }

    /// `text` as a YAML double-quoted scalar: quotes, backslashes and control characters escaped.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func placeholderVariable(name: String, path: String) -> String {
        let raw = "HOOKCTL_SECRET_\(name)_\(path)".uppercased()
        return String(raw.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
