extension Renderer {
    mutating func runBlock(_ block: BlockCode, _ context: JSONValue?) throws(TemplateError) {
        switch block.kind {
        case .if, .unless:
            let condition = try evaluate(block.argument, context)
            let includeZero = try block.includeZero.map { expression throws(TemplateError) in
                try evaluate(expression, context).isTruthy
            } ?? false
            var truthy = !((!includeZero && !condition.isTruthy) || condition.isEmptyForHelpers)
            if block.kind == .unless { truthy.toggle() }
            try invoke(truthy ? block.program : block.inverse, context: context)
        case .with:
            let value = try evaluate(block.argument, context)
            if value.isEmptyForHelpers {
                try invoke(block.inverse, context: context)
            } else {
                try invoke(block.program, context: value, params: (value, nil))
            }
        case .each:
            let value = try evaluate(block.argument, context)
            let iterated = try iterate(value, block)
            if !iterated { try invoke(block.inverse, context: context) }
        case .raw:
            try invoke(block.program, context: context)
        case .missing:
            let value = try evaluate(block.argument, context)
            switch value {
            case .bool(true)?:
                try invoke(block.program, context: context)
            case .none, .null?, .bool(false)?:
                try invoke(block.inverse, context: context)
            case .array?:
                let iterated = try iterate(value, block)
                if !iterated {
                    try invoke(block.inverse, context: context)
                }
            default:
                try invoke(block.program, context: value)
            }
        }
    }

    /// handlebars.js `each` over arrays and objects; returns whether anything was iterated.
    mutating func iterate(_ value: JSONValue?, _ block: BlockCode) throws(TemplateError) -> Bool {
        switch value {
        case .array(let array)?:
            guard !array.isEmpty else { return false }
            dataFrames.append(DataFrame(isIteration: true))
            defer { dataFrames.removeLast() }
            let frame = dataFrames.count - 1
            for index in array.indices {
                try countStep()
                let key = JSONValue.number(Double(index))
                dataFrames[frame].index = index
                dataFrames[frame].key = key
                dataFrames[frame].first = index == 0
                dataFrames[frame].last = index == array.count - 1
                try invoke(block.program, context: array[index], params: (array[index], key))
            }
            return true
        case .object(let object)?:
            guard !object.isEmpty else { return false }
            dataFrames.append(DataFrame(isIteration: true))
            defer { dataFrames.removeLast() }
            let frame = dataFrames.count - 1
            let order = Self.javaScriptKeyOrder(object)
            for (index, position) in order.enumerated() {
                try countStep()
                let key = JSONValue.string(object.keys[position])
                dataFrames[frame].index = index
                dataFrames[frame].key = key
                dataFrames[frame].first = index == 0
                dataFrames[frame].last = index == order.count - 1
                let element = object.value(at: position)
                try invoke(block.program, context: element, params: (element, key))
            }
            return true
        default:
            return false
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
