import AccessEvents
import Declarations
import Foundation
import Handlebars
import JSON
import TemplateLint
public import WebhookModel

/// What `hookctl render` renders: a template file over a context file, or a declared webhook's body over a sample
/// event (or the given event).
public struct RenderOptions: Sendable {
    public enum Source: Sendable {
        case files(template: String, context: String)
        case webhook(name: String, trigger: Trigger?, event: String?, paths: [String])
    }

    public var source: Source
    /// Overrides the escape mode (for `files`, the default is `json`; for a webhook, its declared `escape`).
    public var escape: Webhook.Escape?
    public var currentDirectory: String?

    public init(source: Source, escape: Webhook.Escape? = nil, currentDirectory: String? = nil) {
        self.source = source
        self.escape = escape
        self.currentDirectory = currentDirectory
    }
}

/// Exit codes of `hookctl render`.
public enum RenderExit {
    public static let rendered: Int32 = 0
    /// The template, the context or the event is wrong, or rendering failed.
    public static let failed: Int32 = 1
    public static let usage: Int32 = 2
}

/// `hookctl render`: writes exactly the rendered bytes to standard output (no newline added).
public func render(_ options: RenderOptions, terminal: Terminal) -> Int32 {
    let base = URL(
        fileURLWithPath: options.currentDirectory ?? FileManager.default.currentDirectoryPath, isDirectory: true)
    func read(_ path: String) throws(RenderFailure) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: URL(fileURLWithPath: path, relativeTo: base).path) else {
            throw RenderFailure("cannot read \(path)")
        }
        return [UInt8](data)
    }
    do throws(RenderFailure) {
        switch options.source {
        case .files(let templatePath, let contextPath):
            let source = String(decoding: try read(templatePath), as: UTF8.self)
            let context = try parseJSON(try read(contextPath), named: contextPath)
            let template = try compile(source, escape: options.escape ?? .json, origin: templatePath)
            try emit(template, context, origin: templatePath, terminal: terminal)
        case .webhook(let name, let trigger, let eventPath, let paths):
            let set = DeclarationLoader.load(paths: paths, currentDirectory: base.path)
            guard let declaration = set.declarations.first(where: { $0.webhook.name == name }) else {
                let known = set.declarations.map(\.webhook.name)
                if let problem = set.diagnostics.first(where: { $0.severity == .error }), set.declarations.isEmpty {
                    throw RenderFailure(
                        "the declarations have errors (first: \(problem.location.map { "\($0): " } ?? "")"
                            + "\(problem.message)); run hookctl validate")
                }
                throw RenderFailure(
                    "no webhook named \"\(name)\"\(Suggestion.phrase(for: name, in: known))"
                        + (known.isEmpty ? "" : "; declared: " + known.joined(separator: ", ")))
            }
            let webhook = declaration.webhook
            let event: JSONValue
            if let eventPath {
                event = try parseJSON(try read(eventPath), named: eventPath)
                let problems = EventSchema.standard.validate(event, limit: 10)
                guard problems.isEmpty else {
                    throw RenderFailure(
                        "\(eventPath) is not an access-request event:\n"
                            + problems.map { "  \($0)" }.joined(separator: "\n"))
                }
            } else {
                let chosen = trigger ?? webhook.triggers[0]
                if !webhook.triggers.contains(chosen) {
                    terminal.err.write("warning: \(name) does not subscribe to \(chosen.rawValue); rendering anyway\n")
                }
                event = EventSamples.sample(for: chosen)
            }
            let origin = "\(declaration.file) (body of \(name))"
            let template = try compile(webhook.body, escape: options.escape ?? webhook.escape, origin: origin)
            try emit(template, event, origin: origin, terminal: terminal)
        }
        return RenderExit.rendered
    } catch {
        terminal.err.write("error: \(error.description)\n")
        return RenderExit.failed
    }
}

/// Why rendering could not produce a body, phrased for the user.
struct RenderFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

private func parseJSON(_ bytes: [UInt8], named name: String) throws(RenderFailure) -> JSONValue {
    do {
        return try JSONValue(parsing: bytes)
    } catch {
        throw RenderFailure("\(name):\(error.line):\(error.column): invalid JSON: \(error.message)")
    }
}

private func compile(_ source: String, escape: Webhook.Escape, origin: String) throws(RenderFailure) -> Template {
    do {
        return try Template(source, escape: EscapeMode(escape))
    } catch {
        throw RenderFailure("\(origin): template \(error.line):\(error.column): \(error.message)")
    }
}

private func emit(_ template: Template, _ context: JSONValue, origin: String, terminal: Terminal) throws(RenderFailure)
{
    do {
        let bytes = try template.render(context)
        terminal.out.write(String(decoding: bytes, as: UTF8.self))
    } catch {
        throw RenderFailure("\(origin): rendering failed at template \(error.line):\(error.column): \(error.message)")
    }
}
