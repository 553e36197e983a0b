public import JSON

/// A compiled Handlebars template: compile once, render many times.
///
/// ```swift
/// let template = try Template(#"{"who": "{{user.name}}", "at": {{event_time}}}"#)
/// let body = try template.render(try JSONValue(parsing: eventBytes))
/// ```
///
/// The language is handlebars.js 4.7's (without partials and decorators); see `docs/handlebars.md`.
public struct Template: Sendable {
    /// The syntax tree after whitespace control, with positions and (in `json` mode) JSON contexts.
    public let ast: AST.Program
    /// The escape mode the template was compiled for.
    public let escape: EscapeMode
    /// The helpers the template was compiled against.
    public let helpers: HelperRegistry
    let code: CompiledTemplate

    /// Parses and compiles `source`.
    ///
    /// - Throws: ``TemplateError`` for syntax errors, unknown helpers, wrong argument counts, and (in
    ///   `json` mode) expressions whose JSON context is ambiguous.
    public init(_ source: String, escape: EscapeMode = .json, helpers: HelperRegistry = .standard) throws(TemplateError)
    {
        var ast = try Parser.parse(ScalarSource(source))
        WhitespaceControl.apply(to: &ast)
        code = try Compiler.compile(&ast, escape: escape, helpers: helpers)
        self.ast = ast
        self.escape = escape
        self.helpers = helpers
    }

    /// Renders over `context`, returning UTF-8 bytes.
    ///
    /// - Throws: ``TemplateError`` when a limit is exceeded or a helper rejects its arguments.
    public func render(_ context: JSONValue, limits: RenderLimits = .default) throws(TemplateError) -> [UInt8] {
        try Renderer.render(code, context, limits: limits)
    }

    /// Renders over `context` as a `String`.
    public func renderString(_ context: JSONValue, limits: RenderLimits = .default) throws(TemplateError) -> String {
        String(decoding: try render(context, limits: limits), as: UTF8.self)
    }
}
