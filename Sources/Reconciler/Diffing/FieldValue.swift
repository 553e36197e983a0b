import Store
import WebhookModel

/// A webhook field's value as the planner compares it.
enum FieldValue: Hashable {
    /// Printable configuration, already rendered as text.
    case plain(String)
    /// A secret-capable value as stored (a reference, a redacted or a plain literal) and its fingerprint.
    case secret(SecretField, fingerprint: String?)
    /// The body template.
    case body(String)

    /// Every field of a stored webhook in the order plans show them.
    static func fields(of state: StoredWebhook) -> [(path: String, value: FieldValue)] {
        let w = state.webhook
        var out: [(String, FieldValue)] = [
            ("active", .plain(String(w.active))),
            ("method", .plain(w.method.rawValue)),
            ("url", .plain(quoted(w.url))),
        ]
        let secrets = Dictionary(uniqueKeysWithValues: w.secretFields.map { ($0.path, $0) })
        func secret(_ path: String) -> FieldValue {
            .secret(secrets[path]!, fingerprint: state.secrets[path]?.fingerprint)
        }
        for header in w.headers { out.append(("headers.\(header.name)", secret("headers.\(header.name)"))) }
        let marked = w.headers.filter(\.markedSensitive).map(\.name)
        if !marked.isEmpty { out.append(("sensitive_headers", .plain(list(marked)))) }
        out.append(("auth.type", .plain(w.auth.typeName)))
        switch w.auth {
        case .none: break
        case .basic:
            out += [("auth.username", secret("auth.username")), ("auth.password", secret("auth.password"))]
        case .bearer:
            out.append(("auth.token", secret("auth.token")))
        case .apiKey(let header, _):
            out += [("auth.header", .plain(quoted(header))), ("auth.value", secret("auth.value"))]
        case .oauth2(let oauth):
            out += [
                ("auth.token_url", .plain(quoted(oauth.tokenURL))), ("auth.client_id", secret("auth.client_id")),
                ("auth.client_secret", secret("auth.client_secret")),
                ("auth.scopes", .plain(list(oauth.scopes.map(quoted)))),
            ]
            if let audience = oauth.audience { out.append(("auth.audience", .plain(quoted(audience)))) }
        }
        out.append(("triggers", .plain(list(w.triggers.map(\.rawValue)))))
        out += filterFields(w.filter)
        out.append(("body", .body(w.body)))
        if let file = w.bodyFile { out.append(("body_file", .plain(quoted(file)))) }
        out += [
            ("escape", .plain(w.escape.rawValue)),
            ("timeout", .plain(DurationText.format(w.timeout))),
            ("retry.max_attempts", .plain(String(w.retry.maxAttempts))),
            ("retry.schedule", .plain(list(w.retry.schedule.map(DurationText.format)))),
        ]
        for (i, _) in (w.signing?.secrets ?? []).enumerated() {
            out.append(("signing.secrets[\(i)]", secret("signing.secrets[\(i)]")))
        }
        out.append(("protect", .plain(String(w.protect))))
        out.append(("ordered", .plain(String(w.ordered))))
        return out
    }

    /// The text shown for this value on one side of a change.
    var text: String {
        switch self {
        case .plain(let text): text
        case .secret(let field, _): Self.text(of: field, masked: field.isSensitive)
        case .body(let text): "<<\(LineDiff.lines(text).count) lines>>"
        }
    }

    /// A secret-capable value as plans may print it: a reference as written, a literal quoted — or, when `masked`,
    /// `(sensitive)` in place of any literal, so a value stored in plain text before it counted as a secret is not
    /// printed either.
    static func text(of field: SecretField, masked: Bool) -> String {
        switch field.value {
        case .reference(let ref): ref.description
        case .literal: masked ? SecretField.redacted.declaredText : quoted(field.value.declaredText)
        }
    }

    /// `text` double-quoted as YAML reads it back, control characters escaped (a plan is shown on terminals).
    static func quoted(_ text: String) -> String { ExportYAML.quoted(text) }

    static func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }

    /// One field per condition: `filter.integration_type`, `filter.fields.data.requester.id`,
    /// `filter.not.requester_email`, each with its quoted values.
    static func filterFields(_ filter: Filter?) -> [(path: String, value: FieldValue)] {
        guard let filter else { return [] }
        func fields(_ conditions: [Filter.Condition], prefix: String) -> [(path: String, value: FieldValue)] {
            conditions.map { condition in
                let key =
                    switch condition.field {
                    case .named(let named): named.rawValue
                    case .path(let path): "fields." + path
                    }
                return (prefix + key, .plain(list(condition.values.map(quoted))))
            }
        }
        return fields(filter.all, prefix: "filter.") + fields(filter.none, prefix: "filter.not.")
    }
}
