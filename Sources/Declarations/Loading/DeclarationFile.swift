import Foundation
import WebhookModel

/// What one declaration file yields: its declarations, its findings and the names it declares.
struct DeclarationFile: Sendable {
    let shown: String
    var declarations: [Declaration] = []
    var diagnostics: [Diagnostic] = []
    var names: [(name: String, location: SourceLocation)] = []
    var sensitiveSpans: [SourceLocation] = []

    /// Reads, parses and decodes one file; independent of every other file, so files load concurrently.
    static func load(
        absolute: String, shown: String, root: String, currentDirectory: String, allowTargets: Set<String>
    ) -> DeclarationFile {
        var result = DeclarationFile(shown: shown)
        let start = SourceLocation(file: shown, line: 1, column: 1)
        guard let data = FileManager.default.contents(atPath: absolute) else {
            result.diagnostics.append(
                .error("file.unreadable", "cannot read \(shown): \(unreadableReason(absolute))", at: start))
            return result
        }
        let source: SourceText
        do {
            source = try SourceText.decode([UInt8](data), file: shown)
        } catch {
            result.diagnostics.append(error.diagnostic)
            return result
        }
        let parsed = YAMLDocuments(source)
        result.diagnostics += parsed.diagnostics
        if parsed.documents.isEmpty && parsed.diagnostics.isEmpty {
            result.diagnostics.append(.warning("file.empty", "\(shown) declares no webhook", at: start))
        }
        let directory = absolute.lastIndex(of: "/").map { String(absolute[..<$0]) } ?? currentDirectory
        let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false)
        for document in parsed.documents {
            var decoder = WebhookDecoder(
                file: shown, directory: directory, root: root, currentDirectory: currentDirectory)
            decoder.allowTargets = allowTargets
            decoder.sourceLines = lines
            let declaration = decoder.decode(document)
            result.diagnostics += decoder.diagnostics
            result.sensitiveSpans += decoder.sensitiveSpans
            if let declaration { result.declarations.append(declaration) }
            if let declared = decoder.declaredName { result.names.append(declared) }
        }
        return result
    }

    func merge(into set: inout DeclarationSet, names: inout [(name: String, location: SourceLocation)]) {
        set.files.append(shown)
        set.declarations += declarations
        set.diagnostics += diagnostics
        set.sensitiveSpans.formUnion(sensitiveSpans)
        names += self.names
    }

    /// Why `contents(atPath:)` gave nothing: a device, pipe or socket is not read (it could block or never end).
    static func unreadableReason(_ path: String) -> String {
        let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        switch type {
        case .typeRegular?: return "permission denied"
        case nil: return "it disappeared while being read"
        default: return "not a regular file (a device, pipe or socket); declarations are read from files only"
        }
    }
}
