/// The `@name` a data path starts with.
enum DataKey: Sendable {
    case root, index, key, first, last
    case other
}
