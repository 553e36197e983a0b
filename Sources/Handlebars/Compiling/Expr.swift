import JSON

/// A compiled expression.
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
