/// A strict RFC 8259 parser over UTF-8 bytes, producing ``JSONValue``.
///
/// Duplicate keys keep the first key's position and the last value (as `JSON.parse` does), unless `strict`: then a
/// repeated key, and a number too large for a double (which `JSON.parse` reads as `Infinity`), are errors.
struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    private var depth = 0
    private let maxDepth: Int
    private let strict: Bool

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, strict: Bool = false) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.strict = strict
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if position < bytes.count { throw error(.trailingContent) }
        return value
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard position < bytes.count else { throw error(.unexpectedEnd(expected: "a value")) }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = position
            let number = try parseNumber()
            if strict, !number.isFinite { throw error(.numberOutOfRange, at: start) }
            return .number(number)
        default: throw unexpected(expected: "a value")
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enter()
        position += 1
        var object = JSONObject.Builder()
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            position += 1
            depth -= 1
            return .object(object.build())
        }
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw error(.unexpectedEnd(expected: "a string key")) }
            guard bytes[position] == UInt8(ascii: "\"") else { throw unexpected(expected: "a string key") }
            let keyStart = position
            let key = try parseString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':'")
            skipWhitespace()
            let value = try parseValue()
            if !object.set(key, value), strict { throw error(.duplicateKey(key), at: keyStart) }
            skipWhitespace()
            guard position < bytes.count else { throw error(.unexpectedEnd(expected: "',' or '}'")) }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            try expect(UInt8(ascii: "}"), "',' or '}'")
            depth -= 1
            return .object(object.build())
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enter()
        position += 1
        var array: [JSONValue] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) {
            position += 1
            depth -= 1
            return .array(array)
        }
        while true {
            skipWhitespace()
            array.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw error(.unexpectedEnd(expected: "',' or ']'")) }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            try expect(UInt8(ascii: "]"), "',' or ']'")
            depth -= 1
            return .array(array)
        }
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > maxDepth { throw error(.tooDeep(limit: maxDepth)) }
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private func peek(_ byte: UInt8) -> Bool {
        position < bytes.count && bytes[position] == byte
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(JSONParseError) {
        guard position < bytes.count else { throw error(.unexpectedEnd(expected: what)) }
        guard bytes[position] == byte else { throw unexpected(expected: what) }
        position += 1
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
        let start = position
        for byte in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) {
            guard position < bytes.count else {
                position = start
                throw error(.unexpectedEnd(expected: "'\(word)'"))
            }
            guard bytes[position] == byte else {
                let found = String(decoding: UnsafeBufferPointer(rebasing: bytes[start...position]), as: UTF8.self)
                throw error(.unexpected(found: "'\(found)'", expected: "'\(word)'"), at: start)
            }
            position += 1
        }
    }

    func error(_ kind: JSONParseError.Kind) -> JSONParseError {
        error(kind, at: position)
    }

    func error(_ kind: JSONParseError.Kind, at offset: Int) -> JSONParseError {
        var line = 1
        var column = 1
        var index = 0
        while index < offset && index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return JSONParseError(kind: kind, line: line, column: column, offset: offset)
    }

    private func unexpected(expected: String) -> JSONParseError {
        let byte = bytes[position]
        let found: String =
            if byte >= 0x20 && byte < 0x7F {
                "'\(Character(Unicode.Scalar(byte)))'"
            } else {
                "byte 0x\(String(byte, radix: 16))"
            }
        return error(.unexpected(found: found, expected: expected))
    }
}
