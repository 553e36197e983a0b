extension JSONValue {
    /// The default nesting limit of ``init(parsing:maxDepth:)``.
    public static let defaultMaxParseDepth = 512

    /// Parses strict JSON (RFC 8259) from UTF-8 bytes.
    ///
    /// - Throws: ``JSONParseError`` with the line and column of the first problem, including nesting
    ///   deeper than `maxDepth`.
    ///
    /// `strict` is for documents that hookctl takes in (events), not for what a template renders: a key written
    /// twice in one object and a number beyond a double's range are then errors, where `JSON.parse` keeps the last
    /// value and reads `Infinity`.
    public init(
        parsing bytes: some Collection<UInt8>, maxDepth: Int = defaultMaxParseDepth, strict: Bool = false
    ) throws(JSONParseError) {
        let parsed: Result<JSONValue, JSONParseError>? = bytes.withContiguousStorageIfAvailable { buffer in
            var parser = JSONParser(bytes: buffer, maxDepth: maxDepth, strict: strict)
            return Result { () throws(JSONParseError) in try parser.parseDocument() }
        }
        if let parsed {
            self = try parsed.get()
        } else {
            let copy = Array(bytes)
            self = try JSONValue(parsing: copy, maxDepth: maxDepth, strict: strict)
        }
    }

    /// Parses strict JSON (RFC 8259) from a string.
    public init(parsing text: String, maxDepth: Int = defaultMaxParseDepth) throws(JSONParseError) {
        var text = text
        let parsed = text.withUTF8 { buffer in
            var parser = JSONParser(bytes: buffer, maxDepth: maxDepth)
            return Result { () throws(JSONParseError) in try parser.parseDocument() }
        }
        self = try parsed.get()
    }
}
