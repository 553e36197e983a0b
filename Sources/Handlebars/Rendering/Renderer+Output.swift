import JSON

extension Renderer {
    /// Writes the value of a mustache's expression, reading paths in place when possible.
    mutating func write(_ expression: Expr, _ kind: OutputKind, _ context: ValuePointer) throws(TemplateError) {
        if let pointer = pointer(to: expression, context) {
            try emitValue(pointer.pointee, kind)
        } else {
            try emit(try evaluate(expression, context), kind)
        }
    }

    /// Writes a mustache's value (`nil` is `undefined`) as its output kind requires.
    @inline(__always)
    mutating func emit(_ value: JSONValue?, _ kind: OutputKind) throws(TemplateError) {
        if let value {
            try emitValue(value, kind)
        } else if kind == .jsonValue || kind == .jsonDocument {
            output.append(contentsOf: "null".utf8)
        }
    }

    /// Writes a defined value as its output kind requires.
    mutating func emitValue(_ value: JSONValue, _ kind: OutputKind) throws(TemplateError) {
        switch kind {
        case .jsonValue, .jsonDocument:
            switch value {
            case .string(let string): JSONWriter.appendQuoted(string, to: &output)
            case .number(let number) where number.isFinite: JSNumberFormatter.append(number, to: &output)
            default:
                guard JSONWriter.append(value, to: &output, depthLimit: limits.maxDepth) else {
                    throw TemplateError(.renderTooDeep(limit: limits.maxDepth), at: position)
                }
            }
        case .jsonString:
            switch value {
            case .null: return
            case .string(let string): JSONWriter.appendStringContent(string, to: &output)
            case .number(let number): JSNumberFormatter.append(number, to: &output)
            case .bool(let flag): output.append(contentsOf: flag ? "true".utf8 : "false".utf8)
            case .array, .object:
                let container = value
                var text: [UInt8] = []
                guard JSONWriter.append(container, to: &text, depthLimit: limits.maxDepth) else {
                    throw TemplateError(.renderTooDeep(limit: limits.maxDepth), at: position)
                }
                text.withUnsafeBufferPointer { JSONWriter.appendStringContent(bytes: $0, to: &output) }
            }
        case .html:
            switch value {
            case .null: return
            case .string(let string): HTMLEscaper.append(string, to: &output)
            case .number(let number): JSNumberFormatter.append(number, to: &output)
            case .bool(let flag): output.append(contentsOf: flag ? "true".utf8 : "false".utf8)
            case .array, .object:
                let other = value
                var text: [UInt8] = []
                JavaScriptString.append(other, to: &text)
                text.withUnsafeBufferPointer { HTMLEscaper.append(bytes: $0, to: &output) }
            }
        case .raw:
            if case .null = value { return }
            JavaScriptString.append(value, to: &output)
        }
    }
}
