extension Renderer {
    /// Resolves `segments` from `value` and writes the result, borrowing each intermediate value
    /// instead of copying it (the hot path of `{{a.b.c}}`).
    mutating func emitPath(
        _ value: JSONValue, _ segments: [PathSegment], _ index: Int, _ kind: OutputKind
    ) throws(TemplateError) {
        guard index < segments.count else { return try emit(value, kind) }
        switch value {
        case .object(let object):
            let storage = object.storage
            guard let position = storage.position(of: segments[index].name) else { return try emit(nil, kind) }
            try emitPath(storage.values[position], segments, index + 1, kind)
        case .null:
            try emit(.null, kind)
        default:
            guard let next = value.property(segments[index]) else { return try emit(nil, kind) }
            try emitPath(next, segments, index + 1, kind)
        }
    }

    /// Writes a mustache's value as its output kind requires.
    mutating func emit(_ value: JSONValue?, _ kind: OutputKind) throws(TemplateError) {
        switch kind {
        case .jsonValue, .jsonDocument:
            guard let value else {
                output.append(contentsOf: "null".utf8)
                return
            }
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
            case .none, .null?: return
            case .string(let string)?: JSONWriter.appendStringContent(string, to: &output)
            case .number(let number)?: JSNumberFormatter.append(number, to: &output)
            case .bool(let flag)?: output.append(contentsOf: flag ? "true".utf8 : "false".utf8)
            case let container?:
                var text: [UInt8] = []
                guard JSONWriter.append(container, to: &text, depthLimit: limits.maxDepth) else {
                    throw TemplateError(.renderTooDeep(limit: limits.maxDepth), at: position)
                }
                text.withUnsafeBufferPointer { JSONWriter.appendStringContent(bytes: $0, to: &output) }
            }
        case .html:
            switch value {
            case .none, .null?: return
            case .string(let string)?: HTMLEscaper.append(string, to: &output)
            case .number(let number)?: JSNumberFormatter.append(number, to: &output)
            case .bool(let flag)?: output.append(contentsOf: flag ? "true".utf8 : "false".utf8)
            case let other?:
                var text: [UInt8] = []
                JavaScriptString.append(other, to: &text)
                text.withUnsafeBufferPointer { HTMLEscaper.append(bytes: $0, to: &output) }
            }
        case .raw:
            guard let value else { return }
            if case .null = value { return }
            JavaScriptString.append(value, to: &output)
        }
    }
}
