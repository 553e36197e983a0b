import Store
import WebhookModel

/// A digest of the desired state that changes when any declared value or resolved secret changes.
///
/// Built from every declared field and each secret's fingerprint, never from ciphertexts (they differ on every
/// seal); hashed field by field, so 10,000 webhooks cost milliseconds.
enum DeclarationsDigest {
    static func of(_ desired: [DesiredWebhook]) -> String {
        var hasher = ContentHasher()
        for want in desired.sorted(by: { $0.name < $1.name }) {
            add(want.state, to: &hasher)
        }
        return hasher.finalize()
    }

    private static func add(_ state: StoredWebhook, to hasher: inout ContentHasher) {
        let w = state.webhook
        for text in [w.name, String(w.active), w.method.rawValue, w.url, w.auth.typeName] { hasher.add(text) }
        for header in w.headers {
            hasher.add(header.markedSensitive ? "sensitive-header:\(header.name)" : "header:\(header.name)")
        }
        switch w.auth {
        case .apiKey(let header, _): hasher.add(header)
        case .oauth2(let oauth):
            hasher.add(oauth.tokenURL)
            for scope in oauth.scopes { hasher.add("scope:\(scope)") }
            hasher.add(oauth.audience ?? "")
        case .none, .basic, .bearer: break
        }
        for field in w.secretFields {
            hasher.add("\(field.path)=\(field.value.declaredText)#\(state.secrets[field.path]?.fingerprint ?? "")")
        }
        hasher.add(w.triggers.map(\.rawValue).joined(separator: ","))
        // Only a webhook with a filter adds to the digest, so digests of sets without filters stay as they were.
        if let filter = w.filter {
            for (path, value) in FieldValue.filterFields(filter) { hasher.add("\(path)=\(value.text)") }
        }
        hasher.add(w.body)
        hasher.add(w.bodyFile ?? "")
        hasher.add(w.escape.rawValue)
        hasher.add(DurationText.format(w.timeout))
        hasher.add("\(w.retry.maxAttempts):" + w.retry.schedule.map(DurationText.format).joined(separator: ","))
        hasher.add(w.signing.map { "signing:\($0.secrets.count)" } ?? "")
        hasher.add(String(w.protect))
        // Added only when set, so the digests of plans saved before `ordered` existed stay the same.
        if w.ordered { hasher.add("ordered") }
    }
}
