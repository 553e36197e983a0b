import AccessEvents
import Declarations
import Delivery
import Foundation
import JSON
import Store
import WebhookModel

/// Builds the request `hookctl test` sends: the declaration from `webhooks.d`, its secrets from the environment,
/// and a sample event (or the given one).
enum TestPreparation {
    static func request(
        _ options: TestOptions, allowList: TargetAllowList, terminal: Terminal, directory: String
    ) throws(TestFailure) -> DeliveryRequest {
        let selection: WebhookSelection
        do {
            selection = try WebhookSelection.select(
                name: options.name, trigger: options.trigger, eventFile: options.event, paths: options.paths,
                directory: directory, allowTargets: allowList.entries, purpose: "sending", terminal: terminal)
        } catch {
            throw TestFailure(error.description)
        }
        let declaration = selection.declaration
        let resolved = SecretResolver(environment: terminal.environment).resolve(declaration)
        if let missing = resolved.diagnostics.first {
            throw TestFailure(
                "\(missing.location.map { "\($0): " } ?? "")\(missing.message)"
                    + (resolved.diagnostics.count > 1 ? " (and \(resolved.diagnostics.count - 1) more)" : ""))
        }
        return DeliveryRequest.test(
            webhook: declaration.webhook, secrets: ResolvedSecrets(resolved.values), event: selection.event)
    }
}
