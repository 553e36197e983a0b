extension JSONWriter {
    /// Appends `value` indented by two spaces per level with `"key" : value` members, keys sorted when asked, and
    /// an empty container written across a blank line: the layout of Foundation's pretty-printed
    /// `JSONSerialization`, which hookctl's JSON outputs have always had. Non-finite numbers become `null`.
    package static func appendPretty(_ value: JSONValue, sortingKeys: Bool, indent: Int, to output: inout [UInt8]) {
        switch value {
        case .array(let array) where array.isEmpty:
            output.append(contentsOf: "[]".utf8)
        case .object(let object) where object.keys.isEmpty:
            output.append(contentsOf: "{}".utf8)
        case .array(let array):
            output.append(contentsOf: "[\n".utf8)
            for (position, element) in array.enumerated() {
                if position > 0 { output.append(contentsOf: ",\n".utf8) }
                appendIndent(indent + 1, to: &output)
                appendPretty(element, sortingKeys: sortingKeys, indent: indent + 1, to: &output)
            }
            output.append(UInt8(ascii: "\n"))
            appendIndent(indent, to: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(contentsOf: "{\n".utf8)
            let order =
                sortingKeys
                ? object.keys.indices.sorted { object.keys[$0] < object.keys[$1] } : Array(object.keys.indices)
            for (written, position) in order.enumerated() {
                if written > 0 { output.append(contentsOf: ",\n".utf8) }
                appendIndent(indent + 1, to: &output)
                appendQuoted(object.keys[position], to: &output)
                output.append(contentsOf: " : ".utf8)
                appendPretty(object.value(at: position), sortingKeys: sortingKeys, indent: indent + 1, to: &output)
            }
            output.append(UInt8(ascii: "\n"))
            appendIndent(indent, to: &output)
            output.append(UInt8(ascii: "}"))
        default:
            append(value, to: &output)
        }
    }

    /// Appends `value` as compact JSON with every object's keys in sorted order (a canonical form for comparing).
    package static func appendSorted(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .array(let array):
            output.append(UInt8(ascii: "["))
            for (position, element) in array.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                appendSorted(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (written, position) in object.keys.indices.sorted(by: { object.keys[$0] < object.keys[$1] })
                .enumerated()
            {
                if written > 0 { output.append(UInt8(ascii: ",")) }
                appendQuoted(object.keys[position], to: &output)
                output.append(UInt8(ascii: ":"))
                appendSorted(object.value(at: position), to: &output)
            }
            output.append(UInt8(ascii: "}"))
        default:
            append(value, to: &output)
        }
    }

    private static func appendIndent(_ levels: Int, to output: inout [UInt8]) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: levels * 2))
    }
}
