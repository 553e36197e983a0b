/// A template compile or render error, positioned at `line:column` in the template (1-based,
/// columns in Unicode scalars).
///
/// `description` reads `3:5: unclosed {{#each}} opened at 3:5; expected {{/each}}`.
public struct TemplateError: Error, CustomStringConvertible, Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case unexpectedCharacter(String)
        case unclosedComment
        case unclosedRawBlock
        case unexpectedToken(found: String, expected: String)
        case tripleStashClose(expression: String, braces: Int)
        case unclosedBlock(name: String, opened: SourcePosition)
        case mismatchedClose(open: String, close: String, opened: SourcePosition)
        case invalidPath(String)
        case unsupported(String)
        case unknownHelper(String, known: [String])
        case wrongArgumentCount(helper: String, expected: String, got: Int)
        case unknownHashKey(helper: String, key: String, allowed: [String])
        case blockRequired(String)
        case blockNotAllowed(String)
        case helperAsValue(String)
        case ambiguousBranches(block: String, opened: SourcePosition)
        case loopNotBalanced(block: String, opened: SourcePosition)
        case afterBackslash
        case nestingTooDeep(limit: Int)
        case outputTooLarge(limit: Int)
        case tooManySteps(limit: Int)
        case renderTooDeep(limit: Int)
        case helperFailed(helper: String, message: String)
    }

    let kind: Kind
    /// 1-based line in the template.
    public let line: Int
    /// 1-based column in the template, counted in Unicode scalars.
    public let column: Int

    init(_ kind: Kind, at position: SourcePosition) {
        self.kind = kind
        line = position.line
        column = position.column
    }

    /// The position as a value.
    public var position: SourcePosition { SourcePosition(line: line, column: column) }

    /// Whether the error comes from rendering (a limit or a helper) rather than from compiling.
    public var isRenderError: Bool {
        switch kind {
        case .outputTooLarge, .tooManySteps, .renderTooDeep, .helperFailed: true
        default: false
        }
    }

    /// What went wrong and what was expected, without the position prefix; a position inside it (where a block
    /// was opened) is the template's own `line:column`.
    public var message: String { message(showing: { "\($0)" }) }

    /// `message` with the positions inside it written by `shown`: the linter writes them as positions in the file
    /// the template is declared in, as the finding's own position is.
    public func message(showing shown: (SourcePosition) -> String) -> String {
        switch kind {
        case .unexpectedCharacter(let character): "unexpected \(character)"
        case .unclosedComment: "unclosed comment; expected '}}' (or '--}}' for '{{!--')"
        case .unclosedRawBlock: "unclosed raw block; expected '{{{{/name}}}}'"
        case .unexpectedToken(let found, let expected): "unexpected \(found); expected \(expected)"
        case .tripleStashClose(let expression, let braces) where braces == 4:
            "'}}}}' here closes a raw block; write '{{\(expression)}} }}'"
        case .tripleStashClose(let expression, _):
            "'}}}' here closes a triple-stash; write '{{\(expression)}} }'"
        case .unclosedBlock(let name, let opened):
            "unclosed {{#\(name)}} opened at \(shown(opened)); expected {{/\(name)}}"
        case .mismatchedClose(let open, let close, let opened):
            "{{/\(close)}} does not close {{#\(open)}} opened at \(shown(opened)); expected {{/\(open)}}"
        case .invalidPath(let path): "invalid path '\(path)': 'this', '.' and '..' may only lead a path"
        case .unsupported(let what): "\(what) are not supported"
        case .unknownHelper(let name, let known):
            "unknown helper '\(name)'" + (known.isEmpty ? "" : "; the helpers are " + known.joined(separator: ", "))
        case .wrongArgumentCount(let helper, let expected, let got):
            "helper '\(helper)' expects \(expected), got \(got)"
        case .unknownHashKey(let helper, let key, let allowed):
            allowed.isEmpty
                ? "helper '\(helper)' takes no hash arguments, got '\(key)='"
                : "helper '\(helper)' does not take '\(key)='; expected one of \(allowed.joined(separator: ", "))"
        case .blockRequired(let name): "helper '\(name)' must be used as a block: {{#\(name) …}}…{{/\(name)}}"
        case .blockNotAllowed(let name): "helper '\(name)' cannot be used as a block; write {{\(name) …}}"
        case .helperAsValue(let name):
            "'\(name)' is a helper that needs arguments; to print a field named '\(name)' write {{this.\(name)}}"
        case .ambiguousBranches(let block, let opened):
            "the branches of {{#\(block)}} opened at \(shown(opened)) end in different JSON contexts"
                + " (inside vs outside a string)"
        case .loopNotBalanced(let block, let opened):
            "the body of {{#\(block)}} opened at \(shown(opened)) must end in the JSON context it starts in"
                + " (inside vs outside a string)"
        case .afterBackslash: "an expression right after '\\' inside a JSON string is ambiguous"
        case .nestingTooDeep(let limit): "template nesting deeper than \(limit) levels"
        case .outputTooLarge(let limit): "output exceeds the limit of \(limit) bytes"
        case .tooManySteps(let limit): "rendering exceeds the limit of \(limit) steps"
        case .renderTooDeep(let limit): "value nesting deeper than \(limit) levels"
        case .helperFailed(let helper, let message): "helper '\(helper)': \(message)"
        }
    }

    public var description: String { "\(line):\(column): \(message)" }
}
