extension JSONValue {
    /// Compact JSON text as UTF-8 bytes: keys in insertion order, numbers as JavaScript prints them,
    /// non-finite numbers as `null`, and U+2028/U+2029 escaped (so the text is also valid JavaScript).
    public func serialized() -> [UInt8] {
        var output: [UInt8] = []
        JSONWriter.append(self, to: &output)
        return output
    }

    /// Compact JSON text; see ``serialized()``.
    public var jsonText: String {
        String(decoding: serialized(), as: UTF8.self)
    }
}

extension JSONValue: CustomStringConvertible {
    public var description: String { jsonText }
}
