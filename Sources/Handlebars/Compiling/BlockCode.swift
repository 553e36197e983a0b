/// A compiled block: which built-in behaviour, its argument, and its programs.
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
