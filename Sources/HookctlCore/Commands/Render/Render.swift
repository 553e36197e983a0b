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

/// `hookctl render`: writes exactly the rendered bytes to standard output (no newline added).
public func render(_ options: RenderOptions, terminal: Terminal) -> Int32 {
    let base = options.currentDirectory ?? FileManager.default.currentDirectoryPath
    do throws(RenderFailure) {
        switch options.source {
        case .files(let templatePath, let contextPath):
            let (source, context) = try RenderFailure.wrapping { () throws(WebhookSelection.Failure) in
                if templatePath == "-" && contextPath == "-" {
                    throw WebhookSelection.Failure("the template and the context cannot both be standard input (-)")
                }
                let template: [UInt8]
                do throws(InputFile.Failure) {
                    template = try InputFile.read(templatePath, directory: base, standardInput: terminal.input)
                } catch {
                    throw WebhookSelection.Failure(error.description)
                }
                return (
                    String(decoding: template, as: UTF8.self),
                    try WebhookSelection.readJSON(contextPath, directory: base, input: terminal.input)
                )
            }
            let template = try compile(source, escape: options.escape ?? .json, origin: templatePath)
            try emit(template, context, origin: templatePath, terminal: terminal)
        case .webhook(let name, let trigger, let eventPath, let paths):
            let selection = try RenderFailure.wrapping { () throws(WebhookSelection.Failure) in
                try WebhookSelection.select(
                    name: name, trigger: trigger, eventFile: eventPath, paths: paths, directory: base,
                    purpose: "rendering", terminal: terminal)
            }
            let webhook = selection.declaration.webhook
            let origin = "\(selection.declaration.file) (body of \(name))"
            let template = try compile(webhook.body, escape: options.escape ?? webhook.escape, origin: origin)
            try emit(template, selection.event, origin: origin, terminal: terminal)
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

    /// Runs `body`, turning a selection failure into a render failure with the same words.
    static func wrapping<T>(_ body: () throws(WebhookSelection.Failure) -> T) throws(RenderFailure) -> T {
        do { return try body() } catch { throw RenderFailure(error.description) }
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
