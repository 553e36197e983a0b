public import WebhookModel

/// A lint rule: its id (as shown in brackets and used in `# hookctl-lint-ignore`), default severity, and help.
public struct LintRule: Sendable, Hashable {
    public var id: String
    public var severity: Diagnostic.Severity
    /// One line: what the rule finds.
    public var summary: String
    /// What to do about it.
    public var help: String

    public init(_ id: String, _ severity: Diagnostic.Severity, _ summary: String, help: String) {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.help = help
    }
}

extension LintRule {
    /// Every rule `hookctl lint` reports beyond `validate`'s, in documentation order.
    public static let all: [LintRule] = [
        LintRule(
            "template.syntax", .error, "The body is not a valid Handlebars template.",
            help: "Fix the tag at the position shown; the message says what was expected."),
        LintRule(
            "template.triple-stash", .error, "'}}}' closes a triple-stash where '}}' and a JSON '}' were meant.",
            help: "Put a space between the mustache and the brace: {\"n\": {{n}} }."),
        LintRule(
            "template.unclosed-block", .error, "A block is not closed, or closed with another name.",
            help: "Close each {{#name}} with {{/name}}."),
        LintRule(
            "template.unknown-helper", .error, "A helper that does not exist is called.",
            help: "Use a built-in helper (if, unless, each, with, lookup, log) or one of hookctl's (json, eq, …)."),
        LintRule(
            "template.arity", .error, "A helper gets the wrong number of arguments or an unknown hash key.",
            help: "Pass the arguments the helper declares; see the helper list in the README."),
        LintRule(
            "template.block-usage", .error, "A helper is used as a block where it cannot be, or the reverse.",
            help: "Use {{#each}}/{{#if}}/{{#with}} as blocks and value helpers inside {{…}} or (…)."),
        LintRule(
            "template.json-context", .error,
            "In json escape mode, a block leaves the JSON string/value context "
                + "differently in different branches or iterations.",
            help: "Open and close each JSON string inside the same branch."),
        LintRule(
            "template.unknown-field", .error, "A path names a field the event does not have.",
            help: "Use a field from the event schema (hookctl schema); the message suggests the nearest one."),
        LintRule(
            "template.through-scalar", .error, "A path continues through a string, number or boolean.",
            help: "Stop the path at the scalar, or use the object it belongs to."),
        LintRule(
            "template.path-through-array", .error, "A path continues through an array without #each.",
            help: "Iterate with {{#each list}}…{{/each}}, or index it: list.[0].name."),
        LintRule(
            "template.each-scalar", .error, "#each iterates over a string, number or boolean.",
            help: "Iterate over an array or object field."),
        LintRule(
            "template.depth", .error, "A ../ path climbs above the event.",
            help: "Each ../ leaves one #each or #with; use @root to reach the event."),
        LintRule(
            "template.data-outside-each", .error,
            "@index, @key, @first or @last is used outside #each (or @../index outside two), where it has no value.",
            help: "Use these data variables inside {{#each}}; each @../ needs one more enclosing {{#each}}."),
        LintRule(
            "template.unknown-data", .error, "An @name that is not a data variable, which renders as nothing.",
            help: "Use @root, @index, @key, @first or @last."),
        LintRule(
            "template.collection-as-text", .warning, "An array or object is printed as text.",
            help: "In html/none mode it prints as '[object Object]' or comma-joined; use {{json x}} or #each."),
        LintRule(
            "template.raw-in-string", .warning, "{{{x}}} inside a JSON string: a quote in the value breaks the JSON.",
            help: "Use {{x}} with escape: json, which escapes the value as JSON string content."),
        LintRule(
            "template.html-in-string", .warning,
            "{{x}} inside a JSON string in html mode produces &quot; and "
                + "other HTML entities.",
            help: "Set escape: json (the default), which escapes for JSON instead."),
        LintRule(
            "template.unguarded-optional", .warning,
            "A field that can be absent or null is printed as a bare JSON "
                + "value without a guard, so its absence leaves a hole in the JSON.",
            help: "Wrap it: {{#if x}}{{x}}{{else}}null{{/if}}, or use escape: json, which prints null."),
        LintRule(
            "template.dead-trigger", .warning,
            "The body compares event_type with an event this webhook never "
                + "receives.", help: "Add the trigger, or remove the branch."),
        LintRule(
            "filter.unknown-field", .error, "A filter's fields: path names a field the event does not have.",
            help: "Use a path from the event schema (hookctl schema); the message suggests the nearest one."),
        LintRule(
            "filter.not-scalar", .error, "A filter's fields: path ends at an object or array, not at a value.",
            help: "Continue the path to a string, number or boolean inside it, e.g. data.requester.id."),
        LintRule(
            "filter.never-matches", .warning,
            "A filter value, a condition or the whole filter can never match an event: a value outside an enum or "
                + "of the wrong type, an event type the webhook never receives, or a condition its not: contradicts.",
            help: "Fix the value (the message names the accepted ones), or remove the condition."),
        LintRule(
            "render.filtered-out", .note,
            "No sample event of a trigger passes the webhook's filter, so the render proof did not render the body "
                + "for it.",
            help: "Check the body over a real event: hookctl render NAME --event FILE."),
        LintRule(
            "render.invalid-json", .error, "For some trigger and event, the body does not render to valid JSON.",
            help: "Render it yourself with hookctl render NAME --trigger T and fix the spot the message shows."),
        LintRule(
            "render.failed", .error, "Rendering failed for some trigger and event (a limit or a helper error).",
            help: "Render it with hookctl render NAME --trigger T to see the error."),
        LintRule(
            "config.content-type", .warning, "A Content-Type header that is not JSON, though the body is JSON.",
            help: "Remove the header (hookctl sends application/json) or declare a JSON type."),
        LintRule(
            "config.duplicate-endpoint", .warning, "Two webhooks share method, URL and triggers: probably a copy.",
            help: "Remove one, or give them different triggers."),
    ]

    /// The rule with `id`, if it is a lint rule.
    public static func named(_ id: String) -> LintRule? { all.first { $0.id == id } }
}
