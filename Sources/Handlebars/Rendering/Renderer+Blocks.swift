import JSON

extension Renderer {
    mutating func runBlock(_ block: BlockCode, _ context: ValuePointer) throws(TemplateError) {
        switch block.kind {
        case .if, .unless:
            let condition = try truthiness(block.argument, context)
            var includeZero = false
            if let expression = block.includeZero { includeZero = try evaluate(expression, context).isTruthy }
            var truthy = !((!includeZero && !condition.truthy) || condition.empty)
            if block.kind == .unless { truthy.toggle() }
            try invoke(truthy ? block.program : block.inverse, context: context)
        case .raw:
            try invoke(block.program, context: context)
        case .with, .each, .missing:
            if let pointer = pointer(to: block.argument, context) {
                try runValueBlock(block, pointer, context)
            } else if let value = try evaluate(block.argument, context) {
                try withUnsafePointer(to: value) { (pointer) throws(TemplateError) in
                    try runValueBlock(block, pointer, context)
                }
            } else {
                try invoke(block.inverse, context: context)
            }
        }
    }

    /// `with`, `each` and handlebars.js `blockHelperMissing` over a defined value.
    private mutating func runValueBlock(
        _ block: BlockCode, _ value: ValuePointer, _ context: ValuePointer
    ) throws(TemplateError) {
        switch block.kind {
        case .with:
            if Optional(value.pointee).isEmptyForHelpers {
                try invoke(block.inverse, context: context)
            } else {
                try invoke(block.program, context: value, params: (value, nil))
            }
        case .each:
            let iterated = try iterate(value, block)
            if !iterated { try invoke(block.inverse, context: context) }
        default:
            switch value.pointee {
            case .bool(true):
                try invoke(block.program, context: context)
            case .null, .bool(false):
                try invoke(block.inverse, context: context)
            case .array:
                let iterated = try iterate(value, block)
                if !iterated { try invoke(block.inverse, context: context) }
            default:
                try invoke(block.program, context: value)
            }
        }
    }

    /// The JavaScript truthiness and handlebars.js emptiness of an expression, without copying paths.
    private mutating func truthiness(
        _ expression: Expr, _ context: ValuePointer
    ) throws(TemplateError) -> (truthy: Bool, empty: Bool) {
        if let pointer = pointer(to: expression, context) {
            let value = Optional(pointer.pointee)
            return (value.isTruthy, value.isEmptyForHelpers)
        }
        let value = try evaluate(expression, context)
        return (value.isTruthy, value.isEmptyForHelpers)
    }

    /// handlebars.js `each` over arrays and objects; returns whether anything was iterated.
    mutating func iterate(_ value: ValuePointer, _ block: BlockCode) throws(TemplateError) -> Bool {
        switch value.pointee {
        case .array(let array):
            guard !array.isEmpty else { return false }
            try push(&dataFrames, DataFrame(isIteration: true))
            defer { dataFrames.pop() }
            let frame = dataFrames.count - 1
            try array.withUnsafeBufferPointer { (elements) throws(TemplateError) in
                for index in elements.indices {
                    try countStep()
                    let key = JSONValue.number(Double(index))
                    dataFrames[frame].index = index
                    dataFrames[frame].key = key
                    dataFrames[frame].first = index == 0
                    dataFrames[frame].last = index == elements.count - 1
                    try invokeIteration(block.program, elements.baseAddress! + index, key)
                }
            }
            return true
        case .object(let object):
            guard !object.isEmpty else { return false }
            try push(&dataFrames, DataFrame(isIteration: true))
            defer { dataFrames.pop() }
            let frame = dataFrames.count - 1
            let order = Self.javaScriptKeyOrder(object)
            let storage = object.storage
            for (index, position) in order.enumerated() {
                try countStep()
                let key = JSONValue.string(storage.keys[position])
                dataFrames[frame].index = index
                dataFrames[frame].key = key
                dataFrames[frame].first = index == 0
                dataFrames[frame].last = index == order.count - 1
                try invokeIteration(block.program, UnsafePointer(storage.valueBuffer + position), key)
            }
            return true
        default:
            return false
        }
    }

    /// Invokes an iteration with block params `[element, key]` (the key only when declared).
    private mutating func invokeIteration(
        _ program: Int?, _ element: ValuePointer, _ key: JSONValue
    ) throws(TemplateError) {
        guard let program, template.programs[program].blockParamCount > 1 else {
            return try invoke(program, context: element, params: (element, nil))
        }
        try withUnsafePointer(to: key) { (keyPointer) throws(TemplateError) in
            try invoke(program, context: element, params: (element, keyPointer))
        }
    }

    /// `Object.keys` order: integer-like keys ascending, then the rest in insertion order.
    static func javaScriptKeyOrder(_ object: JSONObject) -> [Int] {
        var integers: [(Int, Int)] = []
        var others: [Int] = []
        others.reserveCapacity(object.count)
        for (position, key) in object.keys.enumerated() {
            if let index = PathSegment.canonicalIndex(key) {
                integers.append((index, position))
            } else {
                others.append(position)
            }
        }
        if integers.isEmpty { return others }
        return integers.sorted { $0.0 < $1.0 }.map(\.1) + others
    }
}
