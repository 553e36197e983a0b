import WebhookModel

/// Why a file's bytes cannot be read as a declaration.
struct Refusal: Error {
    let diagnostic: Diagnostic
    init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
}

/// The text of one declaration file, checked for size, binary content and encoding before YAML sees it.
struct SourceText {
    static let maxBytes = 1 << 20

    let file: String
    let text: String

    /// Decodes `bytes` as UTF-8 (dropping a byte-order mark), or returns the finding that stops it.
    static func decode(_ bytes: [UInt8], file: String) throws(Refusal) -> SourceText {
        let start = SourceLocation(file: file, line: 1, column: 1)
        guard bytes.count <= maxBytes else {
            throw Refusal(
                .error(
                    "file.too-large",
                    "file is \(bytes.count) bytes; declaration files may be at most 1 MiB (1048576 bytes)",
                    at: start,
                    notes: ["split the webhooks over several files, or move large bodies into body_file templates"]))
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let nul = body.firstIndex(of: 0) {
            throw Refusal(
                .error(
                    "file.binary", "file contains a NUL byte; it looks binary, not a YAML declaration",
                    at: location(ofByte: nul, in: bytes, file: file)))
        }
        if let text = String(validating: body, as: UTF8.self) {
            // libyaml reads a BOM only at the very start; elsewhere it breaks a key, with a confusing finding.
            if let bom = firstBOM(in: body) {
                throw Refusal(
                    .error(
                        "file.encoding",
                        "a byte order mark (U+FEFF) inside the file; it may only be the file's first character",
                        at: location(ofByte: bom, in: bytes, file: file),
                        notes: ["remove it: it usually comes from joining files that were each saved with one"]))
            }
            if let (offset, scalar) = firstUnusualLineBreak(in: body) {
                throw Refusal(unusualLineBreak(scalar, at: location(ofByte: offset, in: bytes, file: file)))
            }
            return SourceText(file: file, text: text)
        }
        let bad = firstInvalidUTF8(body) ?? body.startIndex
        throw Refusal(
            .error(
                "file.encoding", "invalid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)))",
                at: location(ofByte: bad, in: bytes, file: file), notes: ["save the file as UTF-8"]))
    }

    /// The 1-based line and column (in Unicode scalars) of byte offset `offset`.
    static func location(ofByte offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
        var line = 1
        var column = 1
        var i = bytes.startIndex
        while i < offset {
            if bytes[i] == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if bytes[i] & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// The offset of the first UTF-8 byte order mark (EF BB BF) in `bytes`.
    static func firstBOM(in bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        while let start = bytes[i...].firstIndex(of: 0xEF) {
            if bytes[start...].starts(with: [0xEF, 0xBB, 0xBF]) { return start }
            i = start + 1
        }
        return nil
    }

    /// libyaml (YAML 1.1) also breaks lines at a lone CR, U+0085, U+2028 and U+2029. Editors, YAML 1.2 readers and
    /// every position hookctl prints count LF only, so such a file would be read with other lines than it shows.
    static func unusualLineBreak(_ scalar: Unicode.Scalar, at location: SourceLocation) -> Diagnostic {
        if scalar == "\r" {
            return .error(
                "file.encoding",
                "a carriage return (CR) that is not followed by a line feed; YAML reads it as a line break",
                at: location, notes: ["save the file with LF or CRLF line endings"])
        }
        let code = String(scalar.value, radix: 16, uppercase: true)
        let name = ["85": "NEXT LINE", "2028": "LINE SEPARATOR", "2029": "PARAGRAPH SEPARATOR"][code] ?? ""
        let escape = "\\u" + String(repeating: "0", count: 4 - code.count) + code
        return .error(
            "file.encoding",
            "a U+\(escape.dropFirst(2)) \(name) character; YAML 1.1 readers take it for a line break, editors do not",
            at: location, notes: ["remove it, or write it as \(escape) in a double-quoted string"])
    }

    /// The offset of the first lone CR, U+0085, U+2028 or U+2029 in valid UTF-8 `bytes`, and which it is.
    static func firstUnusualLineBreak(in bytes: ArraySlice<UInt8>) -> (offset: Int, scalar: Unicode.Scalar)? {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            switch bytes[i] {
            case 0x0D where i + 1 == bytes.endIndex || bytes[i + 1] != 0x0A:
                return (i, "\r")
            case 0xC2 where bytes[i + 1] == 0x85:
                return (i, "\u{85}")
            case 0xE2 where bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                return (i, bytes[i + 2] == 0xA8 ? "\u{2028}" : "\u{2029}")
            default:
                break
            }
            i += 1
        }
        return nil
    }

    /// The offset of the first byte that starts an invalid UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            guard i + length <= bytes.endIndex else { return i }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            if length == 3 {
                let b1 = bytes[i + 1]
                if (b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) { return i }  // overlong, surrogates
            } else if length == 4 {
                let b1 = bytes[i + 1]
                if (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 > 0x8F) { return i }
            }
            i += length
        }
        return nil
    }
}
