/// JavaScript `String(value)` for JSON values, as handlebars.js prints them.
///
/// Arrays join their elements with `,` (with `null` elements empty), objects print
/// `[object Object]`, numbers follow `Number#toString`.
package enum JavaScriptString {
    package static func append(_ value: JSONValue, to output: inout [UInt8], depth: Int = 0) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: flag ? "true".utf8 : "false".utf8)
        case .number(let number): JSNumberFormatter.append(number, to: &output)
        case .string(let string): output.append(contentsOf: string.utf8)
        case .object: output.append(contentsOf: "[object Object]".utf8)
        case .array(let array):
            guard depth < 64 else { return }
            for (position, element) in array.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                if case .null = element { continue }
                append(element, to: &output, depth: depth + 1)
            }
        }
    }

    package static func make(_ value: JSONValue) -> String {
        if case .string(let string) = value { return string }
        var bytes: [UInt8] = []
        append(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
