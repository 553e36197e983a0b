import JSON

/// A fast check that rendered output is strict JSON, without building the value.
///
/// It answers `true` only for output that `JSONValue(parsing:)` accepts too: anything it is not sure about (`\u`
/// escapes of surrogates, nesting near the parser's limit) is left to the parser, as is every rejection, so the parser still writes the messages. Parsing into a value took a third of lint's time.
struct JSONCheck {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0

    /// Whether `bytes` is certainly one JSON document.
    static func certainlyValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var check = JSONCheck(bytes: buffer)
            check.skipWhitespace()
            guard check.value() else { return false }
            check.skipWhitespace()
            return check.position == buffer.count
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    private mutating func value() -> Bool {
        guard let byte = current else { return false }
        switch byte {
        case UInt8(ascii: "{"): return container(close: UInt8(ascii: "}"), keyed: true)
        case UInt8(ascii: "["): return container(close: UInt8(ascii: "]"), keyed: false)
        case UInt8(ascii: "\""): return string()
        case UInt8(ascii: "t"): return word("true")
        case UInt8(ascii: "f"): return word("false")
        case UInt8(ascii: "n"): return word("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
        default: return false
        }
    }

    private mutating func container(close: UInt8, keyed: Bool) -> Bool {
        depth += 1
        guard depth < JSONValue.defaultMaxParseDepth else { return false }
        position += 1
        skipWhitespace()
        if current == close {
            position += 1
            depth -= 1
            return true
        }
        while true {
            skipWhitespace()
            if keyed {
                guard current == UInt8(ascii: "\""), string() else { return false }
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { return false }
                position += 1
                skipWhitespace()
            }
            guard value() else { return false }
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case close:
                position += 1
                depth -= 1
                return true
            default: return false
            }
        }
    }

    private mutating func string() -> Bool {
        position += 1
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return true
            case UInt8(ascii: "\\"):
                position += 1
                guard let escape = current else { return false }
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    continue
                case UInt8(ascii: "u"):
                    var code: UInt32 = 0
                    for _ in 0..<4 {
                        guard let digit = current.flatMap({ hexValue($0) }) else { return false }
                        code = code << 4 | digit
                        position += 1
                    }
                    if (0xD800...0xDFFF).contains(code) { return false }
                default: return false
                }
            case 0..<0x20: return false
            case 0x80...: guard scalarUTF8() else { return false }
            default: position += 1
            }
        }
        return false
    }

    /// Skips one well-formed multi-byte UTF-8 sequence (Unicode table 3-7) at the cursor.
    private mutating func scalarUTF8() -> Bool {
        guard let lead = current else { return false }
        let count: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: count = 1
        case 0xE0: (count, lower) = (2, 0xA0)
        case 0xE1...0xEC, 0xEE...0xEF: count = 2
        case 0xED: (count, upper) = (2, 0x9F)
        case 0xF0: (count, lower) = (3, 0x90)
        case 0xF1...0xF3: count = 3
        case 0xF4: (count, upper) = (3, 0x8F)
        default: return false
        }
        guard position + count < bytes.count else { return false }
        for offset in 1...count {
            let byte = bytes[position + offset]
            guard offset == 1 ? (lower...upper).contains(byte) : (0x80...0xBF).contains(byte) else { return false }
        }
        position += count + 1
        return true
    }

    private mutating func number() -> Bool {
        if current == UInt8(ascii: "-") { position += 1 }
        guard let first = current, isDigit(first) else { return false }
        position += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if current == UInt8(ascii: ".") {
            position += 1
            guard let digit = current, isDigit(digit) else { return false }
            skipDigits()
        }
        if let e = current, e | 0x20 == UInt8(ascii: "e") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard let digit = current, isDigit(digit) else { return false }
            skipDigits()
        }
        return true
    }

    private mutating func skipDigits() {
        while let byte = current, isDigit(byte) { position += 1 }
    }

    private mutating func word(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] { return false }
        position += count
        return true
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
