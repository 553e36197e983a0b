/// handlebars.js `escapeExpression`: `& < > " ' \` =` become entities; everything else is copied.
enum HTMLEscaper {
    static func append(_ string: String, to output: inout [UInt8]) {
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { append(bytes: $0, to: &output) }
        if done == nil {
            var copy = string
            copy.withUTF8 { append(bytes: $0, to: &output) }
        }
    }

    static func append(bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var runStart = 0
        for index in 0..<bytes.count {
            let entity: StaticString
            switch bytes[index] {
            case UInt8(ascii: "&"): entity = "&amp;"
            case UInt8(ascii: "<"): entity = "&lt;"
            case UInt8(ascii: ">"): entity = "&gt;"
            case UInt8(ascii: "\""): entity = "&quot;"
            case UInt8(ascii: "'"): entity = "&#x27;"
            case UInt8(ascii: "`"): entity = "&#x60;"
            case UInt8(ascii: "="): entity = "&#x3D;"
            default: continue
            }
            if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            output.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
            runStart = index + 1
        }
        if runStart < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }
}
