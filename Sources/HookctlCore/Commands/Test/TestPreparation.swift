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
        let set = DeclarationLoader.load(
            paths: options.paths, currentDirectory: directory, allowTargets: allowList.entries)
        guard let declaration = set.declarations.first(where: { $0.webhook.name == options.name }) else {
            let known = set.declarations.map(\.webhook.name)
            let errors = set.diagnostics.filter { $0.severity == .error }
            if let problem = errors.first {
                throw TestFailure(
                    "no valid webhook named \"\(options.name)\"; the declarations have \(errors.count) error(s) (first: "
                        + "\(problem.location.map { "\($0): " } ?? "")\(problem.message)); run hookctl validate")
            }
            throw TestFailure(
                "no webhook named \"\(options.name)\"\(Suggestion.phrase(for: options.name, in: known))"
                    + (known.isEmpty ? "" : "; declared: " + known.joined(separator: ", ")))
        }
        let resolved = SecretResolver(environment: terminal.environment).resolve(declaration)
        if let missing = resolved.diagnostics.first {
            throw TestFailure(
                "\(missing.location.map { "\($0): " } ?? "")\(missing.message)"
                    + (resolved.diagnostics.count > 1 ? " (and \(resolved.diagnostics.count - 1) more)" : ""))
        }
        let webhook = declaration.webhook
        let event: JSONValue
        if let path = options.event {
            let file = path.hasPrefix("/") ? path : directory + "/" + path
            guard let data = FileManager.default.contents(atPath: file) else {
                throw TestFailure("cannot read \(path)")
            }
            do { event = try JSONValue(parsing: [UInt8](data)) } catch {
                throw TestFailure("\(path):\(error.line):\(error.column): invalid JSON: \(error.message)")
            }
            let problems = EventSchema.standard.validate(event, limit: 10)
            guard problems.isEmpty else {
                throw TestFailure(
                    "\(path) is not an access-request event:\n" + problems.map { "  \($0)" }.joined(separator: "\n"))
            }
        } else {
            let trigger = options.trigger ?? webhook.triggers[0]
            if !webhook.triggers.contains(trigger) {
                terminal.err.write(
                    "warning: \(webhook.name) does not subscribe to \(trigger.rawValue); sending anyway\n")
            }
            event = EventSamples.sample(for: trigger)
        }
        return DeliveryRequest(
            webhook: webhook, secrets: ResolvedSecrets(resolved.values), event: event,
            eventID: "test_" + UUID().uuidString.lowercased(), trigger: .test, attempt: 1)
    }
}
