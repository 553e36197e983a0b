extension Renderer {
    /// Resolves `segments` from `value` and writes the result, borrowing each intermediate value
    /// instead of copying it (the hot path of `{{a.b.c}}`).
    mutating func emitPath(
        _ value: JSONValue, _ segments: [PathSegment], _ kind: OutputKind
    ) throws(TemplateError) {
        guard let first = segments.first else { return try emitValue(value, kind) }
        switch value {
        case .object(let object):
            let storage = object.storage
            guard let position = storage.position(of: first.name, hash: first.hash) else { return try emit(nil, kind) }
            try emitPath(storage.valueBuffer + position, segments, 1, kind)
        case .null:
            try emit(.null, kind)
        default:
            guard let next = value.property(first) else { return try emit(nil, kind) }
            var boxed = next
            try emitPath(&boxed, segments, 1, kind)
        }
    }

    /// Continues ``emitPath(_:_:_:)`` over a pointer into the immutable context.
    private mutating func emitPath(
        _ value: UnsafeMutablePointer<JSONValue>, _ segments: [PathSegment], _ index: Int, _ kind: OutputKind
    ) throws(TemplateError) {
        guard index < segments.count else { return try emitValue(value.pointee, kind) }
        let segment = segments[index]
        switch value.pointee {
        case .object(let object):
            let storage = object.storage
            guard let position = storage.position(of: segment.name, hash: segment.hash) else {
                return try emit(nil, kind)
            }
            try emitPath(storage.valueBuffer + position, segments, index + 1, kind)
        case .null:
            try emit(.null, kind)
        default:
            guard let next = value.pointee.property(segment) else { return try emit(nil, kind) }
            var boxed = next
            try emitPath(&boxed, segments, index + 1, kind)
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
