public import WebhookModel

extension StoredWebhook {
    /// Seals every sensitive value of a webhook whose references are already resolved.
    ///
    /// `resolved` maps field paths to the values of their references; sensitive literals are sealed as written
    /// and redacted in the stored webhook. Non-sensitive fields are stored as declared.
    public init(sealing webhook: Webhook, resolved: [String: String], key: StoreKey) {
        var secrets: [String: SealedSecret] = [:]
        let redacted = webhook.mappingSecretFields { path, value in
            let field = SecretField(path: path, value: value)
            guard field.isSensitive else { return value }
            switch value {
            case .reference:
                if let plain = resolved[path] { secrets[path] = key.seal(plain) }
                return value
            case .literal(let text):
                secrets[path] = key.seal(text)
                return SecretField.redacted
            }
        }
        self.init(webhook: redacted, secrets: secrets)
    }

    /// The webhook with every sealed value decrypted into a literal, for delivery.
    public func unsealed(with key: StoreKey) throws(StoreError) -> Webhook {
        var failure: StoreError?
        let plain = webhook.mappingSecretFields { path, value in
            guard let sealed = secrets[path] else { return value }
            do throws(StoreError) { return .literal(try key.open(sealed)) } catch {
                failure = error
                return value
            }
        }
        if let failure { throw failure }
        return plain
    }
}
