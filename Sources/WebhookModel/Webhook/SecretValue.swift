/// A reference to a secret that is resolved late and never printed: `${env:NAME}` or `${file:PATH}`.
public struct SecretRef: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// An environment variable.
        case env
        /// A file, relative to the declaring file; its content with one trailing newline removed.
        case file
    }

    public var kind: Kind
    public var name: String

    public init(_ kind: Kind, _ name: String) {
        self.kind = kind
        self.name = name
    }

    /// The reference as written: `${env:NAME}`.
    public var description: String { "${\(kind.rawValue):\(name)}" }

    /// Parses `${env:NAME}` or `${file:PATH}`; `nil` when `text` is not shaped like a reference at all.
    ///
    /// A text that starts with `${` but is malformed yields `.failure` with what would be accepted.
    public static func parse(_ text: String) -> Result<SecretRef, SecretRefSyntaxError>? {
        guard text.hasPrefix("${") else { return nil }
        guard text.hasSuffix("}"), text.count >= 4 else {
            return .failure(
                SecretRefSyntaxError("unterminated reference \(quoted(text)); write ${env:NAME} or ${file:PATH}"))
        }
        let inner = text.dropFirst(2).dropLast()
        guard let colon = inner.firstIndex(of: ":") else {
            return .failure(
                SecretRefSyntaxError("reference \(quoted(text)) has no kind; write ${env:NAME} or ${file:PATH}"))
        }
        let kindText = String(inner[..<colon])
        let name = String(inner[inner.index(after: colon)...])
        guard let kind = Kind(rawValue: kindText) else {
            return .failure(SecretRefSyntaxError("unknown reference kind \(quoted(kindText)); use env or file"))
        }
        switch kind {
        case .env:
            guard isEnvironmentName(name) else {
                return .failure(
                    SecretRefSyntaxError(
                        "\(quoted(name)) is not an environment variable name; use letters, digits and _ (not starting with a digit)"
                    ))
            }
        case .file:
            guard !name.isEmpty, !name.contains("\0"), !name.contains("}") else {
                return .failure(SecretRefSyntaxError("${file:…} needs a path, e.g. ${file:secrets/token}"))
            }
        }
        return .success(SecretRef(kind, name))
    }

    private static func isEnvironmentName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            $0 == "_" || ("A"..."Z").contains($0) || ("a"..."z").contains($0)
                || ("0"..."9").contains($0)
        }
    }

    private static func quoted(_ s: String) -> String { "\"\(s)\"" }
}

/// Why a `${…}` reference could not be parsed, phrased for the user.
public struct SecretRefSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A configuration value that is either written literally or referenced as a secret.
public enum SecretValue: Hashable, Sendable, Codable {
    case literal(String)
    case reference(SecretRef)

    /// The value as declared, safe to print: literals as they are, references as `${kind:name}`.
    public var declaredText: String {
        switch self {
        case .literal(let text): text
        case .reference(let ref): ref.description
        }
    }
}
