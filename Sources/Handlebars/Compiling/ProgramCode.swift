/// A compiled program: the body or `{{else}}` part of a block, or the template itself.
struct ProgramCode: Sendable {
    var instructions: [Instruction] = []
    /// Number of names declared with `as |…|` (0 when none).
    var blockParamCount = 0
}
