import ArgumentParser
import HookctlCore

extension CompletionKind {
    /// Completes webhook names: live ones from the store, or declared ones from `webhooks.d/`.
    static func webhookNames(_ source: WebhookNameCompletion.Source) -> CompletionKind {
        .custom { words, _, prefix in await WebhookNameCompletion.names(source, words: words, prefix: prefix) }
    }
}
