/// One field that differs between the live webhook and the declaration, as it is safe to print.
public struct FieldChange: Hashable, Sendable {
    /// The field path: `url`, `headers.X-Api-Key`, `auth.token`, `retry.schedule`, `body`, ….
    public var path: String
    /// The live value's text; `nil` when the field is absent live.
    public var old: String?
    /// The declared value's text; `nil` when the declaration drops the field.
    public var new: String?
    /// A secret's value changed; neither side's value is ever shown (`old`/`new` hold references at most).
    public var sensitiveValueChanged: Bool
    /// The store holds this secret in plain text (written before the field counted as sensitive); apply seals it.
    public var sealsPlainText: Bool
    /// For `body`: the template's line diff.
    public var lines: [DiffLine]?
    /// For `body`: the semantic diff of the JSON the template renders for the sample event, before and after
    /// (`nil` when no renderer was given to the planner).
    public var rendered: [FieldChange]?

    public init(
        path: String, old: String?, new: String?, sensitiveValueChanged: Bool = false, sealsPlainText: Bool = false,
        lines: [DiffLine]? = nil, rendered: [FieldChange]? = nil
    ) {
        self.path = path
        self.old = old
        self.new = new
        self.sensitiveValueChanged = sensitiveValueChanged
        self.sealsPlainText = sealsPlainText
        self.lines = lines
        self.rendered = rendered
    }
}
