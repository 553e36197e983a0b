import Handlebars
import JSON

/// One case of `Fixtures/conformance.json`, whose expectation was produced by handlebars.js 4.7.7
/// (`Scripts/handlebars/generate-fixtures.js`).
struct ConformanceCase: Sendable, CustomStringConvertible {
    let name: String
    let template: String
    let context: JSONValue
    let mode: EscapeMode
    /// handlebars.js's output, or `nil` when it throws.
    let expected: String?
    /// Why the Swift engine deliberately rejects a template handlebars.js accepts.
    let divergence: String?

    var description: String { name }

    static let all: [ConformanceCase] = {
        let url = String(#filePath).split(separator: "/").dropLast().joined(separator: "/")
        let path = "/" + url + "/Fixtures/conformance.json"
        guard let bytes = FixtureFile.read(path) else { fatalError("cannot read \(path)") }
        let document: JSONValue
        do {
            document = try JSONValue(parsing: bytes)
        } catch {
            fatalError("conformance.json: \(error)")
        }
        guard case .array(let cases)? = document["cases"] else { fatalError("conformance.json has no cases") }
        return cases.map { entry in
            ConformanceCase(
                name: entry["name"]?.stringValue ?? "?",
                template: entry["template"]?.stringValue ?? "",
                context: entry["context"] ?? .null,
                mode: EscapeMode(rawValue: entry["mode"]?.stringValue ?? "html") ?? .html,
                expected: entry["throws"] == .bool(true) ? nil : entry["expected"]?.stringValue,
                divergence: entry["divergence"]?.stringValue)
        }
    }()
}
