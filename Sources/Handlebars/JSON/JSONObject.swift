/// A JSON object that keeps its members in insertion order.
///
/// Setting an existing key replaces its value in place (the key keeps its first position), which is
/// what `JSON.parse` does with duplicate keys. Equality is order-sensitive. Storage is one
/// copy-on-write reference, so copying an object (as rendering does constantly) is one retain.
public struct JSONObject: Sendable, Hashable {
    /// Immutable storage; mutations build a new one (parsers build whole objects at once).
    final class Storage: Sendable {
        let keys: [String]
        let values: [JSONValue]
        /// Key → position, built only once the object is large enough for a linear scan to lose.
        let index: [String: Int]?

        init(keys: [String] = [], values: [JSONValue] = []) {
            self.keys = keys
            self.values = values
            if keys.count > JSONObject.indexThreshold {
                var built: [String: Int] = [:]
                built.reserveCapacity(keys.count)
                for (position, key) in keys.enumerated() where built[key] == nil { built[key] = position }
                index = built
            } else {
                index = nil
            }
        }

        func position(of key: String) -> Int? {
            if let index { return index[key] }
            return keys.withUnsafeBufferPointer { buffer in
                for position in buffer.indices where buffer[position] == key { return position }
                return nil
            }
        }
    }

    static let indexThreshold = 12

    var storage: Storage

    /// An empty object.
    public init() {
        storage = Storage()
    }

    /// The keys, in insertion order.
    public var keys: [String] { storage.keys }
    /// The values, parallel to ``keys``.
    public var values: [JSONValue] { storage.values }

    /// The number of members.
    public var count: Int { storage.keys.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { storage.keys.isEmpty }

    /// The members in order.
    public var members: some Sequence<(key: String, value: JSONValue)> {
        zip(storage.keys, storage.values).lazy.map { (key: $0, value: $1) }
    }

    /// The position of `key`, if present.
    public func position(of key: String) -> Int? { storage.position(of: key) }

    /// The value for `key`; assigning `nil` removes the member (each assignment copies the storage).
    public subscript(key: String) -> JSONValue? {
        get {
            guard let position = storage.position(of: key) else { return nil }
            return storage.values[position]
        }
        set {
            var keys = storage.keys
            var values = storage.values
            if let position = storage.position(of: key) {
                if let newValue {
                    values[position] = newValue
                } else {
                    keys.remove(at: position)
                    values.remove(at: position)
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            } else {
                return
            }
            storage = Storage(keys: keys, values: values)
        }
    }

    /// An object with these members; for duplicate keys the first position and the last value win.
    public init(members: some Sequence<(key: String, value: JSONValue)>) {
        var builder = Builder()
        for (key, value) in members { builder.set(key, value) }
        self = builder.build()
    }

    /// Whether two objects share storage (JavaScript object identity).
    func isIdentical(to other: JSONObject) -> Bool { storage === other.storage }

    /// Accumulates members with `JSON.parse`'s duplicate-key rule, then builds the object once.
    struct Builder {
        var keys: [String] = []
        var values: [JSONValue] = []
        var positions: [String: Int]?

        mutating func set(_ key: String, _ value: JSONValue) {
            if let position = position(of: key) {
                values[position] = value
                return
            }
            keys.append(key)
            values.append(value)
            if positions != nil {
                positions?[key] = keys.count - 1
            } else if keys.count > 8 {
                var built: [String: Int] = [:]
                for (position, existing) in keys.enumerated() { built[existing] = position }
                positions = built
            }
        }

        private func position(of key: String) -> Int? {
            if let positions { return positions[key] }
            return keys.firstIndex(of: key)
        }

        func build() -> JSONObject {
            var object = JSONObject()
            object.storage = Storage(keys: keys, values: values)
            return object
        }
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.storage === rhs.storage || (lhs.storage.keys == rhs.storage.keys && lhs.storage.values == rhs.storage.values)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.keys)
        hasher.combine(storage.values)
    }
}
