import Foundation
public import Store
import Testing

/// The invocation-history contract every store implementation meets.
public enum InvocationHistoryContract {
    static func invocation(
        _ id: String, webhook: String = "jira", trigger: InvocationTrigger = .created,
        status: Invocation.Status = .success, at seconds: TimeInterval
    ) -> Invocation {
        Invocation(
            id: id, webhook: webhook, eventID: "evt-\(id)", trigger: trigger, attempt: 1,
            startedAt: Date(timeIntervalSince1970: seconds), durationMilliseconds: 12, address: "203.0.113.7",
            status: status, failureReason: status == .failure ? "HTTP 500 Internal Server Error" : nil,
            request: InvocationRequest(
                method: "POST", url: "https://hooks.example.com/in",
                headers: [InvocationHeader(name: "Authorization", value: "Bearer [redacted]")],
                body: Array(#"{"a":1}"#.utf8)),
            response: InvocationResponse(
                status: status == .success ? 200 : 500, headers: [], body: [0x66, 0xFF, 0x00], truncated: true))
    }

    public static func recordsAndReadsBackEveryField(_ make: StoreFactory<any InvocationHistoryStore>) async throws {
        let store = try await make(ManualClock())
        let original = Self.invocation("inv_1", at: 1_750_000_000.25)
        try await store.record(original)
        #expect(try await store.invocation(id: "inv_1") == original)
        #expect(try await store.invocation(id: "nope") == nil)
    }

    public static func listsNewestFirstWithFilters(_ make: StoreFactory<any InvocationHistoryStore>) async throws {
        let store = try await make(ManualClock())
        try await store.record(Self.invocation("a", webhook: "jira", at: 100))
        try await store.record(Self.invocation("b", webhook: "slack", status: .failure, at: 200))
        try await store.record(Self.invocation("c", webhook: "jira", trigger: .test, at: 300))
        try await store.record(Self.invocation("d", webhook: "jira", status: .failure, at: 400))
        #expect(try await store.invocations(InvocationQuery()).map(\.id) == ["d", "c", "b", "a"])
        #expect(try await store.invocations(InvocationQuery(webhook: "jira")).map(\.id) == ["d", "c", "a"])
        #expect(try await store.invocations(InvocationQuery(status: .failure)).map(\.id) == ["d", "b"])
        #expect(try await store.invocations(InvocationQuery(trigger: .test)).map(\.id) == ["c"])
        #expect(
            try await store.invocations(InvocationQuery(since: Date(timeIntervalSince1970: 200))).map(\.id)
                == ["d", "c", "b"])
        #expect(try await store.invocations(InvocationQuery(limit: 2)).map(\.id) == ["d", "c"])
    }

    public static func prunesOldestFirstInBoundedBatches(_ make: StoreFactory<any InvocationHistoryStore>) async throws
    {
        let store = try await make(ManualClock())
        for i in 0..<5 { try await store.record(Self.invocation("old\(i)", at: TimeInterval(i))) }
        try await store.record(Self.invocation("new", at: 1_000))
        let cutoff = Date(timeIntervalSince1970: 500)
        #expect(try await store.pruneInvocations(before: cutoff, limit: 2) == 2)
        #expect(try await store.invocations(InvocationQuery()).map(\.id) == ["new", "old4", "old3", "old2"])
        #expect(try await store.pruneInvocations(before: cutoff, limit: 100) == 3)
        #expect(try await store.invocations(InvocationQuery()).map(\.id) == ["new"])
    }

    public static func recordingWithRetentionPrunesExpiredAttempts(
        _ make: StoreFactory<any InvocationHistoryStore>
    ) async throws {
        let store = try await make(ManualClock())
        let now = Date(timeIntervalSince1970: 40 * 86_400)
        try await store.record(Self.invocation("ancient", at: 0))
        try await store.record(Self.invocation("recent", at: 39 * 86_400))
        try await store.record(
            Self.invocation("now", at: now.timeIntervalSince1970), retention: .seconds(30 * 86_400), now: now)
        #expect(try await store.invocations(InvocationQuery()).map(\.id) == ["now", "recent"])
    }

    /// Every check, for a backend's test target to run: `@Test(arguments: InvocationHistoryContract.checks)`.
    public static let checks: [ContractCheck<any InvocationHistoryStore>] =
        [
            ContractCheck("recordsAndReadsBackEveryField", recordsAndReadsBackEveryField),
            ContractCheck("listsNewestFirstWithFilters", listsNewestFirstWithFilters),
            ContractCheck("prunesOldestFirstInBoundedBatches", prunesOldestFirstInBoundedBatches),
            ContractCheck("recordingWithRetentionPrunesExpiredAttempts", recordingWithRetentionPrunesExpiredAttempts),
        ] + InvocationHistoryContract.consoleChecks
}
