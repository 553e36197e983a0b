import Foundation
public import Store
import Testing

/// The history the console pages over: keyset pages, `until`, and the per-webhook summaries.
extension InvocationHistoryContract {
    /// 30 invocations over 3 webhooks, many sharing a start time, recorded in a shuffled order.
    static func crowdedHistory(_ store: any InvocationHistoryStore) async throws -> [Invocation] {
        var all: [Invocation] = []
        for i in 0..<30 {
            all.append(
                Self.invocation(
                    "inv_\(String(i * 11 % 30, radix: 36))_\(i)", webhook: ["jira", "slack", "siem"][i % 3],
                    status: i % 4 == 0 ? .failure : .success, at: 1_000 + TimeInterval(i / 5) * 60))
        }
        for i in 0..<30 { try await store.record(all[i * 7 % 30]) }
        return all.sorted { ($0.startedAt, $0.id) > ($1.startedAt, $1.id) }
    }

    /// Walks every page of `query` through cursor tokens, as the console's `next-page` link does.
    static func walk(_ store: any InvocationHistoryStore, _ query: InvocationQuery) async throws -> [[String]] {
        var pages: [[String]] = []
        var query = query
        for _ in 0..<100 {
            let page = try await store.invocations(query)
            guard let last = page.last else { break }
            pages.append(page.map(\.id))
            let token = InvocationCursor(after: last).token
            let cursor: InvocationCursor = try #require(InvocationCursor(token: token))
            query.before = cursor
        }
        return pages
    }

    public static func pagesByKeysetWithoutSkipsOrRepeats(
        _ make: StoreFactory<any InvocationHistoryStore>
    ) async throws {
        let store = try await make(ManualClock())
        let all = try await crowdedHistory(store)
        let pages = try await walk(store, InvocationQuery(limit: 4))
        #expect(pages.flatMap { $0 } == all.map(\.id))
        #expect(pages.count == 8)
        #expect(pages.dropLast().allSatisfy { $0.count == 4 })
        #expect(try await store.invocations(InvocationQuery(limit: 100)).map(\.id) == all.map(\.id))
        for filter in [
            InvocationQuery(webhook: "slack", limit: 3), InvocationQuery(status: .failure, limit: 2),
            InvocationQuery(webhook: "jira", status: .success, limit: 2),
        ] {
            #expect(try await walk(store, filter).flatMap { $0 } == all.filter(filter.matches).map(\.id))
        }
    }

    public static func untilAndBeforeBoundTheWindow(_ make: StoreFactory<any InvocationHistoryStore>) async throws {
        let store = try await make(ManualClock())
        let all = try await crowdedHistory(store)
        let until = Date(timeIntervalSince1970: 1_120)
        #expect(
            try await store.invocations(InvocationQuery(until: until, limit: 100)).map(\.id)
                == all.filter { $0.startedAt < until }.map(\.id))
        let window = InvocationQuery(
            since: Date(timeIntervalSince1970: 1_060), until: Date(timeIntervalSince1970: 1_180), limit: 100)
        #expect(try await store.invocations(window).map(\.id) == all.filter(window.matches).map(\.id))
        #expect(try await store.invocations(window).count == 10)
        // A cursor in the middle of a tie: the rest of the tie, then older ones.
        let middle = all[7]
        #expect(
            try await store.invocations(InvocationQuery(before: InvocationCursor(after: middle), limit: 100))
                .map(\.id) == all.dropFirst(8).map(\.id))
    }

    public static func summarizesLastInvocationAndCountsSince(
        _ make: StoreFactory<any InvocationHistoryStore>
    ) async throws {
        let store = try await make(ManualClock())
        let hour: TimeInterval = 1_750_000_000 - 1_750_000_000.truncatingRemainder(dividingBy: 3600)
        // jira: two failures an hour before `since`, a success in `since`'s hour before it, two after it, a failure
        // the next hour. slack: only before `since`. siem: nothing.
        try await store.record(Self.invocation("j1", webhook: "jira", status: .failure, at: hour - 3_000))
        try await store.record(Self.invocation("j2", webhook: "jira", status: .failure, at: hour - 10))
        try await store.record(Self.invocation("j3", webhook: "jira", at: hour + 1_000))
        try await store.record(Self.invocation("j4", webhook: "jira", at: hour + 1_800))
        try await store.record(Self.invocation("j5", webhook: "jira", at: hour + 3_599))
        try await store.record(Self.invocation("j6", webhook: "jira", status: .failure, at: hour + 3_600))
        try await store.record(Self.invocation("s1", webhook: "slack", at: hour - 7_200))
        let since = Date(timeIntervalSince1970: hour + 1_800)
        var summaries = try await store.invocationSummaries(since: since)
        #expect(Set(summaries.keys) == ["jira", "slack"])
        #expect(
            summaries["jira"]
                == InvocationSummary(
                    webhook: "jira", lastStartedAt: Date(timeIntervalSince1970: hour + 3_600), lastStatus: .failure,
                    successes: 2, failures: 1))
        #expect(summaries["jira"]?.successRate == 2.0 / 3.0)
        #expect(
            summaries["slack"]
                == InvocationSummary(
                    webhook: "slack", lastStartedAt: Date(timeIntervalSince1970: hour - 7_200), lastStatus: .success))
        #expect(summaries["slack"]?.successRate == nil)
        let all = try await store.invocationSummaries(since: Date(timeIntervalSince1970: 0))
        #expect(all["jira"]?.successes == 3)
        #expect(all["jira"]?.failures == 3)

        // A newer invocation becomes the last; an older one recorded later does not.
        try await store.record(Self.invocation("s2", webhook: "slack", status: .failure, at: hour + 2_000))
        try await store.record(Self.invocation("s0", webhook: "slack", at: hour - 9_000))
        summaries = try await store.invocationSummaries(since: since)
        #expect(summaries["slack"]?.lastStatus == .failure)
        #expect(summaries["slack"]?.lastStartedAt == Date(timeIntervalSince1970: hour + 2_000))
        #expect(summaries["slack"]?.failures == 1)

        // Recording an id again replaces its attempt in the counts too.
        try await store.record(Self.invocation("j6", webhook: "jira", status: .success, at: hour + 3_600))
        summaries = try await store.invocationSummaries(since: since)
        #expect(summaries["jira"]?.successes == 3)
        #expect(summaries["jira"]?.failures == 0)
        #expect(summaries["jira"]?.lastStatus == .success)
    }

    public static func pruningKeepsTheSummariesRight(_ make: StoreFactory<any InvocationHistoryStore>) async throws {
        let store = try await make(ManualClock())
        try await store.record(Self.invocation("a1", webhook: "audit", status: .failure, at: 100))
        try await store.record(Self.invocation("a2", webhook: "audit", at: 200))
        try await store.record(Self.invocation("j1", webhook: "jira", status: .failure, at: 150))
        try await store.record(Self.invocation("j2", webhook: "jira", at: 10_000))
        let epoch = Date(timeIntervalSince1970: 0)
        #expect(try await store.pruneInvocations(before: Date(timeIntervalSince1970: 160), limit: 100) == 2)
        var summaries = try await store.invocationSummaries(since: epoch)
        #expect(
            summaries["audit"]
                == InvocationSummary(
                    webhook: "audit", lastStartedAt: Date(timeIntervalSince1970: 200), lastStatus: .success,
                    successes: 1))
        #expect(summaries["jira"]?.failures == 0)
        #expect(summaries["jira"]?.successes == 1)
        // Pruning a webhook's last invocation leaves its newest remaining one, or no summary at all.
        #expect(try await store.pruneInvocations(before: Date(timeIntervalSince1970: 5_000), limit: 100) == 1)
        summaries = try await store.invocationSummaries(since: epoch)
        #expect(summaries["audit"] == nil)
        #expect(summaries["jira"]?.lastStartedAt == Date(timeIntervalSince1970: 10_000))
    }

    /// The console's checks, appended to ``checks``.
    static let consoleChecks: [ContractCheck<any InvocationHistoryStore>] = [
        ContractCheck("pagesByKeysetWithoutSkipsOrRepeats", pagesByKeysetWithoutSkipsOrRepeats),
        ContractCheck("untilAndBeforeBoundTheWindow", untilAndBeforeBoundTheWindow),
        ContractCheck("summarizesLastInvocationAndCountsSince", summarizesLastInvocationAndCountsSince),
        ContractCheck("pruningKeepsTheSummariesRight", pruningKeepsTheSummariesRight),
    ]
}
