/// A `requester_email` pattern: `*` is any run of characters (also none), `?` is one character, everything else is
/// itself, ignoring case (email addresses are compared case-insensitively in practice).
public struct EmailGlob: Sendable, Hashable {
    public let pattern: String
    private let scalars: [Unicode.Scalar]

    public init(pattern: String) {
        self.pattern = pattern
        scalars = Array(pattern.lowercased().unicodeScalars)
    }

    /// Whether the whole of `text` matches (iterative, with one backtrack point: linear in practice, never
    /// exponential).
    public func matches(_ text: String) -> Bool {
        let input = Array(text.lowercased().unicodeScalars)
        var p = 0
        var t = 0
        var star: (pattern: Int, text: Int)?
        while t < input.count {
            if p < scalars.count, scalars[p] == "*" {
                star = (p, t)
                p += 1
            } else if p < scalars.count, scalars[p] == "?" || scalars[p] == input[t] {
                p += 1
                t += 1
            } else if let last = star {
                p = last.pattern + 1
                t = last.text + 1
                star = (last.pattern, last.text + 1)
            } else {
                return false
            }
        }
        while p < scalars.count, scalars[p] == "*" { p += 1 }
        return p == scalars.count
    }

    /// Whether the pattern has no wildcard (it matches one address only).
    public var isLiteral: Bool { !pattern.contains("*") && !pattern.contains("?") }
}
