public import Testing

/// Waits until `condition` holds, looking every 20 ms for at most `attempts` times (10 s by default); records an
/// issue naming `what` if it never does. A bounded wait for something another task or process does, not a timing
/// assertion.
public func eventually(
    _ what: String, attempts: Int = 500, sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () async throws -> Bool
) async throws {
    for _ in 0..<attempts {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("timed out waiting until \(what)", sourceLocation: sourceLocation)
}
