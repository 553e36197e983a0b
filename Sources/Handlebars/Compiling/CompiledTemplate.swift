/// The executable form of a template: flat instruction lists per program, static text in one
/// byte blob, and paths resolved to segments, data keys or block-parameter slots.
struct CompiledTemplate: Sendable {
    var programs: [ProgramCode] = []
    var text: [UInt8] = []
    /// Whether any path uses `../` (only then is the depth stack maintained).
    var usesDepths = false
    /// Deepest program nesting, to size the renderer's stacks once.
    var maxNesting = 1
    /// Total static text, to size the output buffer.
    var staticByteCount = 0
}

struct ProgramCode: Sendable {
    var instructions: [Instruction] = []
    /// Number of names declared with `as |…|` (0 when none).
    var blockParamCount = 0
}

enum Instruction: Sendable {
    case text(start: Int, end: Int)
    case output(Expr, OutputKind, SourcePosition)
    case block(BlockCode)
}

/// How a mustache's value is written.
enum OutputKind: Sendable {
    /// JSON mode, inside a string: escaped as string content.
    case jsonString
    /// JSON mode, bare value position: a JSON literal.
    case jsonValue
    /// JSON mode, `{{json x}}` in a value position: `x` as JSON.
    case jsonDocument
    /// HTML mode: handlebars.js `escapeExpression`.
    case html
    /// `{{{x}}}`, `{{&x}}`, and every mustache in `none` mode.
    case raw
}

enum DataKey: Sendable {
    case root, index, key, first, last
    case other
}

indirect enum Expr: Sendable {
    case literal(JSONValue)
    case undefined
    /// A context path; `depth` counts `../`.
    case context(depth: Int, segments: [PathSegment])
    /// `@name.rest`, `depth` counts `@../`.
    case data(depth: Int, key: DataKey, segments: [PathSegment])
    /// A block parameter: `frame` counts declaring programs outward, `index` the name's slot.
    case blockParam(frame: Int, index: Int, segments: [PathSegment])
    case call(HelperCallCode)
    case lookup(Expr, Expr)
    case log([Expr])
    case json(Expr)
}

struct HelperCallCode: Sendable {
    var name: String
    var function: Helper.Function
    var arguments: [Expr]
    var hash: [(key: String, value: Expr)]
    var position: SourcePosition
}

struct BlockCode: Sendable {
    enum Kind: Sendable {
        case `if`, unless, each, with, raw
        /// No helper of that name: handlebars.js `blockHelperMissing` on the path's value.
        case missing
    }

    var kind: Kind
    var argument: Expr
    var includeZero: Expr?
    var program: Int?
    var inverse: Int?
    var position: SourcePosition
}
