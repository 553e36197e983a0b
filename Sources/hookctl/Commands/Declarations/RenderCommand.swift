import ArgumentParser
import HookctlCore
import WebhookModel

struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a body template and write exactly the result to standard output.",
        discussion: """
            hookctl render --template FILE --context FILE [--escape json|html|none]
              renders a template file over a JSON context file.
            hookctl render NAME [--trigger T] [--event FILE]
              renders a declared webhook's body over the sample event for the
              trigger (its first trigger by default), or over the given event,
              which must match the event schema (hookctl schema).

            No newline is added. Errors go to standard error.

            \(RenderExit.table.help)
            """
    )

    @Argument(help: "The name of a declared webhook.", completion: .webhookNames(.declarations))
    var name: String?

    @Option(help: "A template file to render (- reads standard input).")
    var template: String?

    @Option(help: "The JSON context to render --template over (- reads standard input).")
    var context: String?

    @Option(help: "How {{value}} is escaped: json, html or none (default: json, or the webhook's escape).")
    var escape: Webhook.Escape?

    @Option(help: "The trigger whose sample event to render a webhook over.")
    var trigger: Trigger?

    @Option(help: "An event file to render a webhook over, instead of a sample (- reads standard input).")
    var event: String?

    @Option(name: .customLong("path"), help: "Where the declarations are (repeatable; default: webhooks.d).")
    var paths: [String] = []

    func validate() throws {
        switch (name, template, context) {
        case (nil, _?, _?), (_?, nil, nil): break
        case (nil, nil, nil): throw ValidationError("Name a webhook, or give --template and --context.")
        case (_?, _, _): throw ValidationError("Give a webhook name or --template/--context, not both.")
        default: throw ValidationError("--template and --context go together.")
        }
        if template != nil, trigger != nil || event != nil {
            throw ValidationError("--trigger and --event apply to a webhook name, not to --template.")
        }
        if trigger != nil, event != nil { throw ValidationError("Give --trigger or --event, not both.") }
    }

    func run() async throws {
        let source: RenderOptions.Source
        if let name {
            source = .webhook(name: name, trigger: trigger, event: event, paths: paths)
        } else {
            source = .files(template: template ?? "", context: context ?? "")
        }
        let code = HookctlCore.render(RenderOptions(source: source, escape: escape), terminal: .standard())
        if code != 0 { throw ExitCode(code) }
    }
}
