import JSON

/// Implementations of the webhook helpers that need more than one line.
enum WebhookHelpers {
    static func numbersEqual(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if case .number(let l) = lhs, case .number(let r) = rhs { return l == r }
        return false
    }

    /// `lhs < rhs` for two numbers, or two strings in UTF-16 order (as JavaScript compares); `nil` otherwise.
    static func compare(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool? {
        switch (lhs, rhs) {
        case (.number(let l), .number(let r)): l < r
        case (.string(let l), .string(let r)): l.utf16.lexicographicallyPrecedes(r.utf16)
        default: nil
        }
    }

    static func join(_ args: HelperArguments) throws(HelperError) -> JSONValue {
        let separator: String
        switch args.positional.count > 1 ? args[1] : .string(",") {
        case .string(let string): separator = string
        case .null: separator = ","
        case let other: separator = JavaScriptString.make(other)
        }
        switch args[0] {
        case .null: return .null
        case .array(let elements):
            var output: [UInt8] = []
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(contentsOf: separator.utf8) }
                if case .null = element { continue }
                JavaScriptString.append(element, to: &output)
            }
            return .string(String(decoding: output, as: UTF8.self))
        case let other: return .string(JavaScriptString.make(other))
        }
    }

    static func mapString(_ value: JSONValue, _ transform: (String) -> String) -> JSONValue {
        switch value {
        case .null: .null
        case .string(let string): .string(transform(string))
        case let other: .string(transform(JavaScriptString.make(other)))
        }
    }

    static func length(_ value: JSONValue) throws(HelperError) -> JSONValue {
        switch value {
        case .null: .number(0)
        case .string(let string): .number(Double(string.utf16.count))
        case .array(let array): .number(Double(array.count))
        case .object(let object): .number(Double(object.count))
        case .bool, .number: throw HelperError("expects an array, a string or an object, got \(value.kindDescription)")
        }
    }
}
