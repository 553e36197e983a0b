import AccessEvents
import Declarations
import Foundation
import JSON
import WebhookModel

/// A declared webhook and the event to render or send it with: what `render --webhook` and `test` both start from.
struct WebhookSelection {
    var declaration: Declaration
    var event: JSONValue

    /// Why no webhook or event could be chosen, phrased for the user.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Loads the declarations under `paths` and picks the webhook `name`, with the event in `eventFile` (checked
    /// against the event schema) or else the sample for `trigger` (default: the webhook's first trigger).
    /// `purpose` ("sending", "rendering") words the warning for a trigger the webhook does not subscribe to.
    static func select(
        name: String, trigger: Trigger?, eventFile: String?, paths: [String], directory: String,
        allowTargets: Set<String> = [], purpose: String, terminal: Terminal
    ) throws(Failure) -> WebhookSelection {
        let set = DeclarationLoader.load(paths: paths, currentDirectory: directory, allowTargets: allowTargets)
        guard let declaration = set.declarations.first(where: { $0.webhook.name == name }) else {
            let known = set.declarations.map(\.webhook.name)
            let errors = set.diagnostics.filter { $0.severity == .error }
            if let problem = errors.first {
                throw Failure(
                    "no valid webhook named \"\(name)\"; the declarations have \(errors.count) error(s) (first: "
                        + "\(problem.location.map { "\($0): " } ?? "")\(problem.message)); run hookctl validate")
            }
            throw Failure(
                "no webhook named \"\(name)\"\(Suggestion.phrase(for: name, in: known))"
                    + (known.isEmpty ? "" : "; declared: " + known.joined(separator: ", ")))
        }
        let webhook = declaration.webhook
        let event: JSONValue
        if let eventFile {
            event = try readEvent(eventFile, directory: directory, input: terminal.input)
        } else {
            let chosen = trigger ?? webhook.triggers[0]
            if !webhook.triggers.contains(chosen) {
                terminal.err.write("warning: \(name) does not subscribe to \(chosen.rawValue); \(purpose) anyway\n")
            }
            event = EventSamples.sample(for: chosen)
        }
        warnIfFilteredOut(webhook, event, purpose: purpose, terminal: terminal)
        return WebhookSelection(declaration: declaration, event: event)
    }

    /// Says on standard error when the webhook's filter keeps `event` out (the runner would queue no delivery for
    /// it), and why, condition by condition.
    static func warnIfFilteredOut(_ webhook: Webhook, _ event: JSONValue, purpose: String, terminal: Terminal) {
        guard let filter = webhook.filter, !filter.matches(event) else { return }
        let reasons = filter.reasons(rejecting: event).map { "  - \($0)\n" }.joined()
        terminal.err.write(
            "warning: this event would be filtered out: \(webhook.name)'s filter does not pass it, so the runner "
                + "would not deliver it; \(purpose) anyway\n\(reasons)")
    }

    /// An access-request event read from a JSON file and checked against the event schema.
    static func readEvent(_ path: String, directory: String, input: Int32) throws(Failure) -> JSONValue {
        let event = try readJSON(path, directory: directory, input: input)
        let problems = EventSchema.standard.validate(event, limit: 10)
        guard problems.isEmpty else {
            throw Failure(
                "\(InputFile.name(path)) is not an access-request event:\n"
                    + problems.map { "  \($0)" }.joined(separator: "\n"))
        }
        return event
    }

    /// Any JSON document read from a file, with the position of a syntax error.
    static func readJSON(_ path: String, directory: String, input: Int32) throws(Failure) -> JSONValue {
        let bytes: [UInt8]
        do { bytes = try InputFile.read(path, directory: directory, standardInput: input) } catch {
            throw Failure(error.description)
        }
        do { return try JSONValue(parsing: bytes) } catch {
            throw Failure("\(InputFile.name(path)):\(error.line):\(error.column): invalid JSON: \(error.message)")
        }
    }
}
