public import ArgumentParser
public import HookctlCore
import StoreSelection
public import WebhookModel

// Values that command-line options take, parsed from their raw values (which `--help` lists).

extension Trigger: ExpressibleByArgument {}
extension Webhook.Escape: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}

/// The help of every `--store` option.
let storeHelp = ArgumentHelp(
    "The store: sqlite:PATH or postgres://USER@HOST[:PORT]/DATABASE (default: $\(StoreURL.environmentVariable), else \(StoreURL.defaultPath))."
)
