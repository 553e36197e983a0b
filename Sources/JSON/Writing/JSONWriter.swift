/// Byte-level JSON output: string escaping and compact serialization into a `[UInt8]` buffer.
package enum JSONWriter {
    /// Appends `string` as a quoted JSON string.
    package static func appendQuoted(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        appendStringContent(string, to: &output)
        output.append(UInt8(ascii: "\""))
    }

    /// Appends `string` escaped as the content of a JSON string literal: quotes, backslashes,
    /// control characters, U+2028 and U+2029 are escaped; everything else is copied as UTF-8.
    package static func appendStringContent(_ string: String, to output: inout [UInt8]) {
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { appendStringContent(bytes: $0, to: &output) }
        if done == nil {
            var copy = string
            copy.withUTF8 { appendStringContent(bytes: $0, to: &output) }
        }
    }

    package static func appendStringContent(bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var runStart = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte != 0xE2 {
                index += 1
                continue
            }
            if byte == 0xE2 {
                guard index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
                else {
                    index += 1
                    continue
                }
            }
            if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: output.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: output.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0xE2:
                output.append(contentsOf: "\\u202".utf8)
                output.append(bytes[index + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
                index += 2
            default:
                output.append(contentsOf: "\\u00".utf8)
                output.append(hexDigit(byte >> 4))
                output.append(hexDigit(byte & 0xF))
            }
            index += 1
            runStart = index
        }
        if runStart < count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count])) }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// Appends `value` as compact JSON, returning `false` (with partial output) if it nests deeper
    /// than `depthLimit`.
    package static func append(_ value: JSONValue, to output: inout [UInt8], depthLimit: Int) -> Bool {
        switch value {
        case .array(let array):
            guard depthLimit > 0 else { return false }
            output.append(UInt8(ascii: "["))
            for (position, element) in array.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                guard append(element, to: &output, depthLimit: depthLimit - 1) else { return false }
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            guard depthLimit > 0 else { return false }
            output.append(UInt8(ascii: "{"))
            for position in 0..<object.count {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                appendQuoted(object.keys[position], to: &output)
                output.append(UInt8(ascii: ":"))
                guard append(object.value(at: position), to: &output, depthLimit: depthLimit - 1) else { return false }
            }
            output.append(UInt8(ascii: "}"))
        default:
            append(value, to: &output)
        }
        return true
    }

    /// Appends `value` as compact JSON. Non-finite numbers become `null` (as `JSON.stringify` does).
    package static func append(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: flag ? "true".utf8 : "false".utf8)
        case .number(let number):
            if number.isFinite {
                JSNumberFormatter.append(number, to: &output)
            } else {
                output.append(contentsOf: "null".utf8)
            }
        case .string(let string): appendQuoted(string, to: &output)
        case .array(let array):
            output.append(UInt8(ascii: "["))
            for (position, element) in array.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                append(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for position in 0..<object.count {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                appendQuoted(object.keys[position], to: &output)
                output.append(UInt8(ascii: ":"))
                append(object.value(at: position), to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }
}
