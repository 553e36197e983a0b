public import Declarations
import Foundation
public import WebhookModel

/// Resolves `${env:NAME}` and `${file:PATH}` references at plan time; a missing one is a finding at its position.
public struct SecretResolver: Sendable {
    public var environment: [String: String]
    /// Reads a file's text; injected so tests need no files.
    public var readFile: @Sendable (String) -> String?

    public init(
        environment: [String: String],
        readFile: @escaping @Sendable (String) -> String? = SecretResolver.readFileFromDisk
    ) {
        self.environment = environment
        self.readFile = readFile
    }

    /// A file's text, or `nil` when it cannot be read.
    public static func readFileFromDisk(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The values of a declaration's references by field path, and a finding for each that cannot be resolved.
    public func resolve(_ declaration: Declaration) -> (values: [String: String], diagnostics: [Diagnostic]) {
        var values: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        for (path, value) in declaration.secretFields {
            guard case .reference(let ref) = value else { continue }
            let location = declaration.location(of: path)
            switch ref.resolve(environment: environment, directory: declaration.directory, readFile: readFile) {
            case .success(let text):
                values[path] = text
            case .failure(.notSet), .failure(.empty):
                let state = environment[ref.name] == nil ? "is not set" : "is empty"
                diagnostics.append(
                    .error(
                        "secret.missing-env",
                        "environment variable \(ref.name) \(state) (referenced as \(ref) in \(path))",
                        at: location))
            case .failure(.unreadable):
                diagnostics.append(
                    .error(
                        "secret.missing-file",
                        "cannot read secret file \(ref.name) (referenced as \(ref) in \(path))",
                        at: location))
            }
        }
        return (values, diagnostics)
    }
}
