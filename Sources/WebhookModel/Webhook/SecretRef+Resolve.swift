extension SecretRef {
    /// Why a reference has no value.
    public enum Unresolved: Error, Hashable, Sendable {
        /// The environment variable is not set.
        case notSet
        /// The environment variable is set to the empty string.
        case empty
        /// The file (its absolute path) cannot be read.
        case unreadable(path: String)
    }

    /// The value this reference names: an environment variable's, set and not empty, or a file's text (its path
    /// relative to `directory`) with one trailing line break, `\n` or `\r\n`, removed.
    ///
    /// The one place a reference is resolved: plans, `receive --secret` and a store URL's password all read
    /// references through it. `readFile` is the caller's, so this stays free of the file system.
    public func resolve(
        environment: [String: String], directory: String, readFile: (String) -> String?
    ) -> Result<String, Unresolved> {
        switch kind {
        case .env:
            guard let value = environment[name] else { return .failure(.notSet) }
            return value.isEmpty ? .failure(.empty) : .success(value)
        case .file:
            let path = AbsolutePath.resolve(name, against: directory)
            guard var text = readFile(path) else { return .failure(.unreadable(path: path)) }
            // "\r\n" is one Character, so it is removed whole.
            if text.last == "\n" || text.last == "\r\n" { text.removeLast() }
            return .success(text)
        }
    }
}
