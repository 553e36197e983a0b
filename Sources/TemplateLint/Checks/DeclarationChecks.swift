import Declarations
import WebhookModel

/// Review checks on declarations that are not about the template.
enum DeclarationChecks {
    static func single(_ declaration: Declaration) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for header in declaration.webhook.headers where header.name.lowercased() == "content-type" {
            guard case .literal(let value) = header.value, !value.lowercased().contains("json") else { continue }
            diagnostics.append(
                .warning(
                    "config.content-type", "Content-Type \"\(value)\" is not JSON, but the body must render to JSON",
                    at: declaration.location(of: "headers.\(header.name)"),
                    notes: ["remove the header (hookctl sends application/json) or use a JSON type"]))
        }
        return diagnostics
    }

    /// Two webhooks with the same method, URL and triggers are probably a copy and paste.
    static func across(_ declarations: [Declaration]) -> [Diagnostic] {
        var first: [String: Declaration] = [:]
        var diagnostics: [Diagnostic] = []
        for declaration in declarations {
            let webhook = declaration.webhook
            let key = "\(webhook.method.rawValue) \(webhook.url) \(webhook.triggers.sorted().map(\.rawValue))"
            if let original = first[key] {
                diagnostics.append(
                    .warning(
                        "config.duplicate-endpoint",
                        "\(webhook.name) sends the same events to the same endpoint as \(original.webhook.name)",
                        at: declaration.location(of: "url"),
                        notes: ["\(original.webhook.name) is declared at \(original.location(of: "url"))"]))
            } else {
                first[key] = declaration
            }
        }
        return diagnostics
    }
}
