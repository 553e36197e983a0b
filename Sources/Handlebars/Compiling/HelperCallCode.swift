/// A call of a plain (function) helper, with compiled arguments.
struct HelperCallCode: Sendable {
    var name: String
    var function: Helper.Function
    var arguments: [Expr]
    var hash: [(key: String, value: Expr)]
    var position: SourcePosition
}
