import JSON

/// One property name of a path, pre-resolved for fast lookup.
struct PathSegment: Sendable {
    let name: String
    /// The canonical array index this name denotes (`"0"`, `"12"`, not `"01"`), if any.
    let arrayIndex: Int?
    /// Whether the name is `length`.
    let isLength: Bool
    /// ``JSONObject/Storage/hash(_:)`` of the name.
    let hash: UInt32

    init(_ name: String) {
        self.name = name
        hash = JSONObject.Storage.hash(name)
        isLength = name == "length"
        arrayIndex = Self.canonicalIndex(name)
    }

    static func canonicalIndex(_ name: String) -> Int? {
        let utf8 = name.utf8
        guard let first = utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9"), utf8.count <= 10 else {
            return nil
        }
        if first == UInt8(ascii: "0") && utf8.count > 1 { return nil }
        var value = 0
        for byte in utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value < 4_294_967_295 ? value : nil
    }
}
