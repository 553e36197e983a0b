public import WebhookModel

/// Everything read from a set of declaration paths: the webhooks that loaded and every finding on the way.
///
/// A declaration with an error is left out of `declarations`; its findings are in `diagnostics`.
public struct DeclarationSet: Sendable {
    public var declarations: [Declaration]
    public var diagnostics: [Diagnostic]
    /// The files that were read, as shown to users, in the order they were read.
    public var files: [String]
    /// Whether some input could not be read at all (a missing path, an unreadable directory): a fatal error.
    public var isFatal: Bool
    /// Where a secret is written in plain text (a literal auth field or signing secret, a sensitive header's value):
    /// a source excerpt under a finding hides the line from there on, so findings never print a secret.
    public var sensitiveSpans: Set<SourceLocation> = []

    public init(
        declarations: [Declaration] = [], diagnostics: [Diagnostic] = [], files: [String] = [], isFatal: Bool = false
    ) {
        self.declarations = declarations
        self.diagnostics = diagnostics
        self.files = files
        self.isFatal = isFatal
    }

    /// Whether any finding is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
