import AccessEvents
import Handlebars
import WebhookModel

/// A finding inside a template, at a template position; the linter maps it into the file.
struct TemplateFinding {
    var rule: String
    var severity: Diagnostic.Severity
    var message: String
    var position: SourcePosition
    var notes: [String] = []
}

/// What a path resolves to, as far as the schema tells.
enum ValueType {
    case schema(SchemaNode)
    case number, string, boolean
    /// Not known statically (a helper's result, an object's values, a missing part already reported).
    case unknown

    var isCollection: Bool {
        guard case .schema(let node) = self else { return false }
        return !node.isScalar
    }

    var isStringLike: Bool {
        switch self {
        case .string, .unknown: true
        case .schema(let node): if case .string = node.kind { true } else { false }
        case .number, .boolean: false
        }
    }
}
