import JSON

/// JavaScript semantics over JSON values, as handlebars.js observes them. `nil` stands for `undefined`.
extension Optional where Wrapped == JSONValue {
    /// JavaScript truthiness: `false`, `0`, `NaN`, `""`, `null` and `undefined` are falsy.
    var isTruthy: Bool {
        switch self {
        case .none, .null?: false
        case .bool(let flag)?: flag
        case .number(let number)?: number != 0 && !number.isNaN
        case .string(let string)?: !string.isEmpty
        case .array?, .object?: true
        }
    }

    /// handlebars.js `Utils.isEmpty`: falsy except `0`, or an empty array.
    var isEmptyForHelpers: Bool {
        switch self {
        case .number(let number)?: number.isNaN
        case .array(let array)?: array.isEmpty
        default: !isTruthy
        }
    }
}

extension JSONValue {
    /// The property `segment` as handlebars.js `lookupProperty` sees it: own object keys, array
    /// indices and `length`, string indices (UTF-16 units) and `length`; nothing else.
    @inline(__always)
    func property(_ segment: PathSegment) -> JSONValue? {
        switch self {
        case .object(let object):
            let storage = object.storage
            guard let position = storage.position(of: segment.name, hash: segment.hash) else { return nil }
            return storage.valueBuffer[position]
        case .array(let array):
            if let index = segment.arrayIndex { return index < array.count ? array[index] : nil }
            return segment.isLength ? .number(Double(array.count)) : nil
        case .string(let string):
            if segment.isLength { return .number(Double(string.utf16.count)) }
            guard let index = segment.arrayIndex else { return nil }
            let units = string.utf16
            guard index < units.count else { return nil }
            let unit = units[units.index(units.startIndex, offsetBy: index)]
            return .string(Unicode.Scalar(unit).map { String(Character($0)) } ?? "\u{FFFD}")
        default:
            return nil
        }
    }

    /// Whether two values are the same JavaScript object (arrays and objects by storage identity).
    func isIdentical(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.array(let lhs), .array(let rhs)):
            return lhs.count == rhs.count
                && lhs.withUnsafeBufferPointer { l in
                    rhs.withUnsafeBufferPointer { r in l.baseAddress == r.baseAddress }
                }
        case (.object(let lhs), .object(let rhs)):
            return lhs.isIdentical(to: rhs)
        default:
            return false
        }
    }
}

/// JavaScript `a == b` for JSON values (`nil` is `undefined`), used for handlebars.js's depth rule.
func javaScriptLooselyEqual(_ lhs: JSONValue?, _ rhs: JSONValue?) -> Bool {
    switch (lhs, rhs) {
    case (.none, .none), (.none, .null?), (.null?, .none), (.null?, .null?): return true
    case (.none, _), (.null?, _), (_, .none), (_, .null?): return false
    case (.bool(let l)?, .bool(let r)?): return l == r
    case (.number(let l)?, .number(let r)?): return l == r
    case (.string(let l)?, .string(let r)?): return l == r
    case (.some(let l), .some(let r)):
        let lObject = l.isContainer, rObject = r.isContainer
        if lObject && rObject { return l.isIdentical(to: r) }
        if lObject { return javaScriptLooselyEqual(.string(JavaScriptString.make(l)), r) }
        if rObject { return javaScriptLooselyEqual(l, .string(JavaScriptString.make(r))) }
        return l.javaScriptNumber == r.javaScriptNumber
    }
}

extension JSONValue {
    var isContainer: Bool {
        switch self {
        case .array, .object: true
        default: false
        }
    }

    /// JavaScript `Number(value)` for primitives.
    var javaScriptNumber: Double {
        switch self {
        case .null: return 0
        case .bool(let flag): return flag ? 1 : 0
        case .number(let number): return number
        case .string(let string):
            let trimmed = string.unicodeScalars.filter { !$0.isJavaScriptWhitespace }
            if trimmed.isEmpty { return 0 }
            return Double(String(String.UnicodeScalarView(trimmed))) ?? .nan
        case .array, .object: return .nan
        }
    }
}

extension Unicode.Scalar {
    /// JavaScript's `\s`.
    var isJavaScriptWhitespace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }
}
