extension JSONValue {
    /// Compact JSON text as UTF-8 bytes: keys in insertion order, numbers as JavaScript prints them,
    /// non-finite numbers as `null`, and U+2028/U+2029 escaped (so the text is also valid JavaScript).
    public func serialized() -> [UInt8] {
        var output: [UInt8] = []
        JSONWriter.append(self, to: &output)
        return output
    }

    /// Compact JSON text with every object's keys sorted: a canonical form, for comparing values as text.
    public var sortedJSONText: String {
        var output: [UInt8] = []
        JSONWriter.appendSorted(self, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Indented JSON text for people and scripts (two spaces, `"key" : value`, keys sorted unless told otherwise),
    /// ending without a newline; the layout hookctl's `--format json` outputs use.
    public func prettyText(sortingKeys: Bool = true) -> String {
        var output: [UInt8] = []
        JSONWriter.appendPretty(self, sortingKeys: sortingKeys, indent: 0, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Compact JSON text; see ``serialized()``.
    public var jsonText: String {
        String(decoding: serialized(), as: UTF8.self)
    }
}

extension JSONValue: CustomStringConvertible {
    public var description: String { jsonText }
}
