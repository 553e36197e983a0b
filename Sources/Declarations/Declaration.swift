public import WebhookModel

/// One webhook as read from `webhooks.d`, with the positions of its fields for later diagnostics.
public struct Declaration: Hashable, Sendable {
    public var webhook: Webhook
    /// Where the body template came from, to map positions inside it back to the file.
    public var template: TemplateSource
    /// The declaring file as shown to users (relative to the current directory where possible).
    public var file: String
    /// The absolute directory of the declaring file; `${file:…}` references and `body_file` resolve against it.
    public var directory: String
    /// The start of the YAML document that declares the webhook.
    public var location: SourceLocation
    /// Positions of declared values by field path: `name`, `url`, `headers.X-Api-Key`, `auth.token`,
    /// `auth.password`, `auth.client_secret`, `signing.secrets[0]`, `triggers[1]`, `body`, ….
    /// The key of a header or auth field is at `headers.NAME#key`; a missing path falls back to `location`.
    public var fieldLocations: [String: SourceLocation]

    public init(
        webhook: Webhook, template: TemplateSource, file: String, directory: String, location: SourceLocation,
        fieldLocations: [String: SourceLocation] = [:]
    ) {
        self.webhook = webhook
        self.template = template
        self.file = file
        self.directory = directory
        self.location = location
        self.fieldLocations = fieldLocations
    }

    /// The position of a field's value, or of the document when the field was not written.
    public func location(of fieldPath: String) -> SourceLocation {
        fieldLocations[fieldPath] ?? location
    }

    /// Every secret-capable value with its field path, in a stable order: header values, auth fields, signing secrets.
    public var secretFields: [(path: String, value: SecretValue)] {
        webhook.secretFields.map { ($0.path, $0.value) }
    }
}
