import Declarations

/// How the store commands say that a webhook name is not live: where to look, and the nearest live name.
enum LiveWebhookName {
    /// `(hookctl list shows them); did you mean "x"?`, to follow a sentence naming `name`.
    static func hint(for name: String, among live: some Sequence<String>) -> String {
        "(hookctl list shows them)" + Suggestion.phrase(for: name, in: live)
    }
}
