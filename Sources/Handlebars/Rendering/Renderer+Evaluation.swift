import JSON

extension Renderer {
    /// The value of an expression; `nil` is JavaScript's `undefined`.
    mutating func evaluate(_ expression: Expr, _ context: ValuePointer) throws(TemplateError) -> JSONValue? {
        switch expression {
        case .literal(let value):
            return value
        case .undefined:
            return nil
        case .context(let depth, let segments):
            guard let start = depthPointer(depth, context) else { return nil }
            return Self.resolve(start.pointee, segments)
        case .blockParam(let frame, let index, let segments):
            guard let start = blockParamPointer(frame, index) else { return nil }
            return Self.resolve(start.pointee, segments)
        case .data(let depth, let key, let segments):
            let slot = dataFrames.count - 1 - depth
            guard slot >= 0 else { return nil }
            let frame = dataFrames[slot]
            var value: JSONValue?
            switch key {
            case .root: value = root.pointee
            case .index: value = frame.isIteration ? .number(Double(frame.index)) : nil
            case .key: value = frame.isIteration ? frame.key : nil
            case .first: value = frame.isIteration ? .bool(frame.first) : nil
            case .last: value = frame.isIteration ? .bool(frame.last) : nil
            case .other: value = nil
            }
            for segment in segments {
                guard value.isTruthy, let current = value else { return value }
                value = current.property(segment)
            }
            return value
        case .call(let call):
            var arguments: [JSONValue] = []
            arguments.reserveCapacity(call.arguments.count)
            for argument in call.arguments { arguments.append(try evaluate(argument, context) ?? .null) }
            var hash: [String: JSONValue] = [:]
            for pair in call.hash { hash[pair.key] = try evaluate(pair.value, context) ?? .null }
            do {
                return try call.function(HelperArguments(positional: arguments, hash: hash))
            } catch {
                throw TemplateError(.helperFailed(helper: call.name, message: error.message), at: call.position)
            }
        case .lookup(let object, let field):
            let target = try evaluate(object, context)
            guard target.isTruthy, let target else { return target }
            let key = try evaluate(field, context).map { JavaScriptString.make($0) } ?? "undefined"
            return target.property(PathSegment(key))
        case .log(let arguments):
            for argument in arguments { _ = try evaluate(argument, context) }
            return nil
        case .json(let argument):
            let value = try evaluate(argument, context) ?? .null
            var bytes: [UInt8] = []
            guard JSONWriter.append(value, to: &bytes, depthLimit: limits.maxDepth) else {
                throw TemplateError(.renderTooDeep(limit: limits.maxDepth), at: position)
            }
            return .string(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// A pointer to the value of a path expression when it lies in the context through objects only
    /// (the common case); `nil` means "evaluate it instead" (missing, `null`, arrays, `length`, …).
    func pointer(to expression: Expr, _ context: ValuePointer) -> ValuePointer? {
        let start: ValuePointer?
        let segments: [PathSegment]
        switch expression {
        case .context(let depth, let path):
            start = depthPointer(depth, context)
            segments = path
        case .blockParam(let frame, let index, let path):
            start = blockParamPointer(frame, index)
            segments = path
        default:
            return nil
        }
        guard var current = start else { return nil }
        for segment in segments {
            guard case .object(let object) = current.pointee else { return nil }
            let storage = object.storage
            guard let position = storage.position(of: segment.name, hash: segment.hash) else { return nil }
            current = UnsafePointer(storage.valueBuffer + position)
        }
        return current
    }

    func depthPointer(_ depth: Int, _ context: ValuePointer) -> ValuePointer? {
        if depth == 0 { return context }
        let slot = depths.count - 1 - depth
        return slot >= 0 ? depths[slot] : nil
    }

    func blockParamPointer(_ frame: Int, _ index: Int) -> ValuePointer? {
        let slot = frameStarts.count - 1 - frame
        guard slot >= 0 else { return nil }
        return blockParams[frameStarts[slot] + index]
    }

    /// handlebars.js `resolvePath` for context paths: `x != null ? lookup(x, name) : x` per segment.
    static func resolve(_ start: JSONValue, _ segments: [PathSegment]) -> JSONValue? {
        guard !segments.isEmpty else { return start }
        if case .null = start { return .null }
        var value = start.property(segments[0])
        var index = 1
        while index < segments.count {
            guard let current = value else { return nil }
            if case .null = current { return .null }
            value = current.property(segments[index])
            index += 1
        }
        return value
    }
}
