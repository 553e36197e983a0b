import Foundation
import TestSupport
import Testing

@testable import Declarations

/// The declaration schema (`hookctl schema --declarations`) against `validate` and an independent JSON Schema
/// implementation (PyPI's `jsonschema`, the YAML read by PyYAML): it accepts every example and every declaration
/// `validate` accepts, and rejects structurally broken ones.
@Suite("The declaration schema")
struct DeclarationSchemaTests {
    @Test func itDescribesExactlyTheKeysTheDecoderAccepts() throws {
        #expect(
            DeclarationSchema.keys.map(\.name) == WebhookDecoder.keys,
            "add the key to DeclarationSchema.keys (Sources/Declarations/Schema/DeclarationSchema+Keys.swift)")
        for key in DeclarationSchema.keys {
            #expect(!key.description.isEmpty, "\(key.name) has no description")
        }
        let schema = try JSONSerialization.jsonObject(with: Data(DeclarationSchema.text.utf8)) as? [String: Any]
        let definitions = schema?["$defs"] as? [String: Any]
        let auth = (definitions?["auth"] as? [String: Any])?["properties"] as? [String: Any]
        let schemaFields = Set(try #require(auth?.keys, "no $defs/auth/properties")).subtracting(["type"])
        #expect(schemaFields == Set(WebhookDecoder.authFields.values.joined()))
    }

    @Test func everyExampleNamesTheSchemaOnItsFirstLineAndIsValidUnderIt() async throws {
        let files = try Self.exampleFiles()
        try #require(files.count >= 7, "found only \(files)")
        var documents: [String] = []
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let first = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
            let prefix = "# yaml-language-server: $schema="
            #expect(first.hasPrefix(prefix), "\(file) does not start with the schema line")
            let target = URL(fileURLWithPath: file).deletingLastPathComponent()
                .appendingPathComponent(String(first.dropFirst(prefix.count))).standardized.path
            #expect(target == repositoryRoot.appendingPathComponent(DeclarationSchema.committedPath).standardized.path)
            documents.append(text)
        }
        let verdicts = try await Self.schemaErrors(documents)
        for (file, errors) in zip(files, verdicts) {
            #expect(errors.isEmpty, "\(file): \(errors)")
        }
    }

    @Test func everyDeclarationValidateAcceptsIsValidUnderTheSchema() async throws {
        let corpus = GeneratedDeclarations.make(count: 400)
        let workspace = try Workspace()
        try workspace.write("webhooks.d/templates/t.hbs", "{\"id\": \"{{data.id}}\"}\n")
        for (index, text) in corpus.enumerated() { try workspace.write("webhooks.d/g\(index).yaml", text) }
        let set = DeclarationLoader.load(paths: ["webhooks.d"], currentDirectory: workspace.path)
        let rejected = Set(set.diagnostics.filter { $0.severity == .error }.compactMap { $0.location?.file })
        let accepted = corpus.indices.filter { !rejected.contains("webhooks.d/g\($0).yaml") }
        // The corpus mixes valid and invalid values; both kinds must be there for the check to mean anything.
        try #require(accepted.count >= 40 && accepted.count <= corpus.count - 40, "accepted \(accepted.count)")
        #expect(set.declarations.count == accepted.count)
        let verdicts = try await Self.schemaErrors(accepted.map { corpus[$0] })
        for (index, errors) in zip(accepted, verdicts) {
            #expect(errors.isEmpty, "validate accepts this, the schema does not: \(errors)\n\(corpus[index])")
        }
    }

    @Test func structurallyBrokenDeclarationsAreRejectedByTheSchemaAndByValidate() async throws {
        let corpus = BrokenDeclarations.all
        let workspace = try Workspace()
        for (index, entry) in corpus.enumerated() { try workspace.write("webhooks.d/b\(index).yaml", entry.text) }
        let set = DeclarationLoader.load(paths: ["webhooks.d"], currentDirectory: workspace.path)
        let rejected = Set(set.diagnostics.filter { $0.severity == .error }.compactMap { $0.location?.file })
        let verdicts = try await Self.schemaErrors(corpus.map(\.text))
        for (index, (entry, errors)) in zip(corpus, verdicts).enumerated() {
            #expect(rejected.contains("webhooks.d/b\(index).yaml"), "validate accepts the broken \(entry.what)")
            #expect(!errors.isEmpty, "the schema accepts the broken \(entry.what):\n\(entry.text)")
        }
    }

    /// Every YAML file under `webhooks.d/` and `examples/`.
    static func exampleFiles() throws -> [String] {
        var files: [String] = []
        for folder in ["webhooks.d", "examples"] {
            let root = repositoryRoot.appendingPathComponent(folder)
            let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            while let url = walker?.nextObject() as? URL {
                if ["yaml", "yml"].contains(url.pathExtension) { files.append(url.path) }
            }
        }
        return files.sorted()
    }

    /// For each YAML text, the schema's errors over all its documents (empty when valid), from Python's
    /// `jsonschema` (draft 2020-12, the schema itself checked first) over PyYAML's reading of the text.
    static func schemaErrors(_ documents: [String]) async throws -> [[String]] {
        let script = """
            import json, sys, yaml, jsonschema
            request = json.load(sys.stdin)
            schema = json.loads(request["schema"])
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            verdicts = []
            for text in request["documents"]:
                errors = []
                for document in yaml.safe_load_all(text):
                    if document is None:
                        continue
                    for error in validator.iter_errors(document):
                        errors.append("/".join(map(str, error.absolute_path)) + ": " + error.message)
                verdicts.append(errors)
            print(json.dumps(verdicts))
            """
        let request = try JSONSerialization.data(
            withJSONObject: ["schema": DeclarationSchema.text, "documents": documents])
        let output = try await Python.run(script, input: request, requiring: ["jsonschema", "yaml"])
        try #require(output.status == 0, "\(output.text)")
        let verdicts = try JSONSerialization.jsonObject(with: Data(output.text.utf8)) as? [[String]]
        let result = try #require(verdicts, "\(output.text)")
        try #require(result.count == documents.count)
        return result
    }
}
