/// One step of a compiled program.
enum Instruction: Sendable {
    case text(start: Int, end: Int)
    case output(Expr, OutputKind, SourcePosition)
    case block(BlockCode)
}
