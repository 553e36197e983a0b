public import ArgumentParser
public import HookctlCore
public import WebhookModel

// Values that command-line options take, parsed from their raw values (which `--help` lists).

extension Trigger: ExpressibleByArgument {}
extension Webhook.Escape: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}
