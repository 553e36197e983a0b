/// One line of a line diff.
public struct DiffLine: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case same, added, removed

        /// The unified-diff marker: ` `, `+`, `-`.
        public var marker: String {
            switch self {
            case .same: " "
            case .added: "+"
            case .removed: "-"
            }
        }
    }

    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}
