/// The executable form of a template: flat instruction lists per program, static text in one
/// byte blob, and paths resolved to segments, data keys or block-parameter slots.
struct CompiledTemplate: Sendable {
    var programs: [ProgramCode] = []
    var text: [UInt8] = []
    /// Whether any path uses `../` (only then is the depth stack maintained).
    var usesDepths = false
    /// Deepest program nesting, to size the renderer's stacks once.
    var maxNesting = 1
    /// Most block params any program declares.
    var maxBlockParams = 0
    /// Total static text, to size the output buffer.
    var staticByteCount = 0
    /// Where each content node's bytes in `text` were written in the template, in `text` order; only
    /// ``Template/renderTraced(_:limits:)`` reads it.
    var textOrigins: [TextOrigin] = []

    /// The template position of the static text starting at `offset` in `text`.
    struct TextOrigin: Sendable {
        var offset: Int
        var position: SourcePosition
    }
}
