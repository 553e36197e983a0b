/// A JSON object that keeps its members in insertion order.
///
/// Setting an existing key replaces its value in place (the key keeps its first position), which is
/// what `JSON.parse` does with duplicate keys. Equality is order-sensitive. Storage is one
/// copy-on-write reference, so copying an object (as rendering does constantly) is one retain.
public struct JSONObject: Sendable, Hashable {
    /// Immutable storage; mutations build a new one (parsers build whole objects at once).
    ///
    /// Values live in a buffer the storage owns, so the renderer can walk the (immutable) context by
    /// pointer without retaining every intermediate value; keys carry a hash for a fast scan.
    package final class Storage: @unchecked Sendable {
        package let keys: [String]
        package let count: Int
        package let valueBuffer: UnsafeMutablePointer<JSONValue>
        let hashes: UnsafeMutablePointer<UInt32>

        init(keys: [String] = [], values: [JSONValue] = []) {
            precondition(keys.count == values.count)
            self.keys = keys
            count = keys.count
            valueBuffer = .allocate(capacity: max(1, count))
            valueBuffer.initialize(from: values, count: count)
            hashes = .allocate(capacity: max(1, count))
            for (position, key) in keys.enumerated() { hashes[position] = Self.hash(key) }
        }

        deinit {
            valueBuffer.deinitialize(count: count)
            valueBuffer.deallocate()
            hashes.deallocate()
        }

        /// FNV-1a over the UTF-8 bytes.
        package static func hash(_ key: String) -> UInt32 {
            var hash: UInt32 = 2_166_136_261
            for byte in key.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
            return hash
        }

        package func position(of key: String, hash: UInt32) -> Int? {
            var position = 0
            while position < count {
                if hashes[position] == hash && keys[position] == key { return position }
                position += 1
            }
            return nil
        }

        func position(of key: String) -> Int? { position(of: key, hash: Self.hash(key)) }

        var values: [JSONValue] { Array(UnsafeBufferPointer(start: valueBuffer, count: count)) }
    }

    static let indexThreshold = 12

    package private(set) var storage: Storage

    /// An empty object.
    public init() {
        storage = Storage()
    }

    /// The keys, in insertion order.
    public var keys: [String] { storage.keys }
    /// The values, parallel to ``keys`` (a copy; prefer ``value(at:)`` in loops).
    public var values: [JSONValue] { storage.values }

    /// The value at `position` (parallel to ``keys``).
    public func value(at position: Int) -> JSONValue {
        precondition(position >= 0 && position < storage.count, "position out of range")
        return storage.valueBuffer[position]
    }

    /// The number of members.
    public var count: Int { storage.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { storage.count == 0 }

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
            return storage.valueBuffer[position]
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
    package func isIdentical(to other: JSONObject) -> Bool { storage === other.storage }

    /// Accumulates members with `JSON.parse`'s duplicate-key rule, then builds the object once.
    struct Builder {
        var keys: [String] = []
        var values: [JSONValue] = []
        var positions: [String: Int]?

        /// Sets `key`; returns `false` when it was set before (its value is replaced, its position kept).
        @discardableResult
        mutating func set(_ key: String, _ value: JSONValue) -> Bool {
            if let position = position(of: key) {
                values[position] = value
                return false
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
            return true
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
        lhs.storage === rhs.storage
            || (lhs.storage.keys == rhs.storage.keys
                && (0..<lhs.storage.count).allSatisfy { lhs.storage.valueBuffer[$0] == rhs.storage.valueBuffer[$0] })
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.keys)
        for position in 0..<storage.count { hasher.combine(storage.valueBuffer[position]) }
    }
}
