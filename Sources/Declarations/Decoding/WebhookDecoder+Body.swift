import Foundation
import WebhookModel
import Yams

extension WebhookDecoder {
    struct Body {
        let source: TemplateSource
        let bodyFile: String?
    }

    mutating func readBody(
        body: (key: Node, value: Node)?, bodyFile: (key: Node, value: Node)?, documentStart: SourceLocation
    ) -> Body? {
        switch (body, bodyFile) {
        case (nil, nil):
            error(
                "config.missing-key", "missing body: declare body (a Handlebars template) or body_file (a path)",
                at: documentStart,
                notes: ["for example:\nbody: |\n  {\"text\": \"{{data.requester.name}} requested access\"}"])
            return nil
        case (_?, let file?):
            error("body.conflict", "body and body_file are both set; keep one", at: file.key)
            return nil
        case (let body?, nil):
            guard let text = string(body.value, field: "body") else { return nil }
            guard !text.unicodeScalars.allSatisfy(\.properties.isWhitespace) else {
                error("body.empty", "body is empty; the template must produce a JSON document", at: body.value)
                return nil
            }
            let origin = TemplateSource.Origin.inline(
                valueStart: location(of: body.value), style: body.value.templateStyle)
            return Body(source: TemplateSource(text: text, origin: origin), bodyFile: nil)
        case (nil, let file?):
            guard let path = string(file.value, field: "body_file", example: "body_file: templates/jira.hbs") else {
                return nil
            }
            return readBodyFile(path, node: file.value)
        }
    }

    private mutating func readBodyFile(_ path: String, node: Node) -> Body? {
        guard !path.isEmpty, !path.hasPrefix("/") else {
            error("body_file.path", "body_file must be a path relative to this file; got \"\(path)\"", at: node)
            return nil
        }
        let joined = AbsolutePath.resolve(path, against: directory)
        guard FileManager.default.fileExists(atPath: joined) else {
            error(
                "body_file.missing", "body_file \"\(path)\" does not exist", at: node,
                notes: ["looked for \(DisplayPath.relative(joined, to: currentDirectory))"])
            return nil
        }
        let resolved = URL(fileURLWithPath: joined).resolvingSymlinksInPath().path
        let resolvedRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        guard resolved.hasPrefix(resolvedRoot + "/") else {
            error(
                "body_file.outside",
                "body_file \"\(path)\" is outside \(DisplayPath.relative(root, to: currentDirectory))", at: node,
                notes: ["templates must live inside the declarations folder, so review sees them"])
            return nil
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), !isDirectory.boolValue,
            let data = FileManager.default.contents(atPath: resolved)
        else {
            error("body_file.unreadable", "body_file \"\(path)\" is not a readable file", at: node)
            return nil
        }
        let display = DisplayPath.relative(joined, to: currentDirectory)
        let source: SourceText
        do {
            source = try SourceText.decode([UInt8](data), file: display)
        } catch {
            report(error.diagnostic)
            return nil
        }
        guard !source.text.unicodeScalars.allSatisfy(\.properties.isWhitespace) else {
            error("body.empty", "body_file \"\(path)\" is empty; the template must produce a JSON document", at: node)
            return nil
        }
        return Body(source: TemplateSource(text: source.text, origin: .file(path: path, file: display)), bodyFile: path)
    }
}
