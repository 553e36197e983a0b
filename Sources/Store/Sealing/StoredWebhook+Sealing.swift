public import WebhookModel

extension StoredWebhook {
    /// Seals every sensitive value of a webhook whose references are already resolved.
    ///
    /// `resolved` maps field paths to the values of their references; sensitive literals (auth and signing fields,
    /// sensitive headers) are sealed as written and redacted in the stored webhook. Other fields are stored as
    /// declared.
    public init(sealing webhook: Webhook, resolved: [String: String], key: StoreKey) {
        var secrets: [String: SealedSecret] = [:]
        let redacted = webhook.mappingSecretFields { field in
            guard field.isSensitive else { return field.value }
            switch field.value {
            case .reference:
                if let plain = resolved[field.path] { secrets[field.path] = key.seal(plain) }
                return field.value
            case .literal(let text):
                secrets[field.path] = key.seal(text)
                return SecretField.redacted
            }
        }
        self.init(webhook: redacted, secrets: secrets)
    }

    /// The webhook with every sealed value decrypted into a literal, for delivery. A header whose value was sealed
    /// comes back marked sensitive, so the literal it now holds is still redacted from history.
    public func unsealed(with key: StoreKey) throws(StoreError) -> Webhook {
        var failure: StoreError?
        var plain = webhook.mappingSecretFields { field in
            guard let sealed = secrets[field.path] else { return field.value }
            do throws(StoreError) { return .literal(try key.open(sealed)) } catch {
                failure = error
                return field.value
            }
        }
        if let failure { throw failure }
        for i in plain.headers.indices where secrets["headers.\(plain.headers[i].name)"] != nil {
            plain.headers[i].markedSensitive = true
        }
        return plain
    }
}
