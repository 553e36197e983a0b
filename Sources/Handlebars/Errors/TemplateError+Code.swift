extension TemplateError {
    /// A stable rule id for the kind of error, for linters and machine output: `template.syntax`,
    /// `template.triple-stash`, `template.unknown-helper`, `template.arity`, `template.json-context`, ….
    public var code: String {
        switch kind {
        case .unexpectedCharacter, .unclosedComment, .unclosedRawBlock, .unexpectedToken, .invalidPath, .afterBackslash,
            .unsupported:
            "template.syntax"
        case .tripleStashClose: "template.triple-stash"
        case .unclosedBlock, .mismatchedClose: "template.unclosed-block"
        case .unknownHelper, .helperAsValue: "template.unknown-helper"
        case .wrongArgumentCount, .unknownHashKey: "template.arity"
        case .blockRequired, .blockNotAllowed: "template.block-usage"
        case .ambiguousBranches, .loopNotBalanced: "template.json-context"
        case .nestingTooDeep, .outputTooLarge, .tooManySteps, .renderTooDeep: "template.limit"
        case .helperFailed: "template.helper-failed"
        }
    }
}
