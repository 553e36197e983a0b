import Foundation
import JSON
import Logging
import Synchronization
import Testing

@testable import HookctlCore

/// The runner's log handler writes the very lines swift-log's `StreamLogHandler` writes.
@Suite struct LogLinesTests {
    /// Lines written, in order.
    final class Lines: TextOutputStream, Sendable {
        private let lines = Mutex<[String]>([])
        func write(_ string: String) { lines.withLock { $0.append(string) } }
        var all: [String] { lines.withLock { $0 } }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String { "the receiver hung up" }
    }

    /// Logs the same lines through `handler`.
    func logAll(_ handler: some LogHandler) {
        var logger = Logger(label: "hookctl.runner") { _ in handler }
        logger.info("intake listening", metadata: ["url": "http://127.0.0.1:8080"])
        logger[metadataKey: "owner"] = "root@vm pid 7"
        logger.info(
            "attempt",
            metadata: [
                "webhook": "jira", "event": "evt_1", "attempt": "2", "status": "Failure", "http_status": "-",
                "outcome": "retry at 2026-12-01T20:42:08Z", "list": ["a", "b"], "nested": ["k": "v"],
            ])
        logger.warning("the store is unreachable: no new claims")
        logger.debug("not written at info")
        logger.error("cannot record", error: Failure())
        logger.logLevel = .debug
        logger.debug("written now", metadata: ["a": "1"])
        let quiet = Logger(label: "") { _ in handler }
        quiet.info("no label")
        quiet.info("ünïcode and a\nnewline", metadata: ["é": "ü"])
    }

    @Test func eachLineIsTheOneStreamLogHandlerWrites() {
        let reference = Lines()
        logAll(StreamLogHandler(label: "x", stream: reference, metadataProvider: nil))
        let ours = Lines()
        logAll(LogLines(label: "x", write: { ours.write($0) }))
        // Both are made with the label x; the timestamp may have moved on by a second in between.
        func body(_ line: String) -> Substring { line.drop { $0 != " " } }
        #expect(reference.all.count == 7)
        #expect(ours.all.map(body) == reference.all.map(body))
        for line in ours.all {
            #expect(line.prefix(24).wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}/) != nil, "\(line)")
        }
        #expect(ours.all[1].contains(" [HookctlCoreTests] attempt\n"))
    }

    /// `--log-format json`: every line one JSON object with the time in UTC, the level, the logger, the source, the
    /// message and the metadata, nested values kept, and nothing lost to escaping.
    @Test func jsonLinesCarryEveryFieldAsJSON() throws {
        let ours = Lines()
        logAll(LogLines(label: "x", format: .json, write: { ours.write($0) }))
        #expect(ours.all.count == 7)
        let lines = try ours.all.map { line in
            #expect(line.hasSuffix("}\n") && line.dropLast().firstIndex(of: "\n") == nil, "one line each: \(line)")
            return try JSONValue(parsing: Array(line.utf8))
        }
        let attempt = lines[1]
        #expect(attempt["level"] == "info")
        #expect(attempt["logger"] == "x", "the handler's label, as the text lines write it")
        #expect(attempt["source"] == "HookctlCoreTests")
        #expect(attempt["message"] == "attempt")
        #expect(attempt["owner"] == "root@vm pid 7", "a value with spaces is one string")
        #expect(attempt["outcome"] == "retry at 2026-12-01T20:42:08Z")
        #expect(attempt["list"] == ["a", "b"])
        #expect(attempt["nested"] == ["k": "v"])
        let time = try #require(attempt["time"]?.stringValue)
        #expect(time.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil, "\(time)")
        #expect(lines[3]["error.message"] == "the receiver hung up")
        #expect(lines[4]["level"] == "debug")
        #expect(lines[6]["message"] == "ünïcode and a\nnewline")
        #expect(lines[6]["é"] == "ü")
    }

    /// A metadata key named like one of the line's own fields does not overwrite it.
    @Test func aMetadataKeyCannotShadowTheLinesFields() throws {
        let ours = Lines()
        let logger = Logger(label: "hookctl.runner") { _ in
            LogLines(label: "x", format: .json, write: { ours.write($0) })
        }
        logger.info("real", metadata: ["message": "forged", "level": "critical"])
        let line = try JSONValue(parsing: Array(try #require(ours.all.first).utf8))
        #expect(line["message"] == "real")
        #expect(line["level"] == "info")
        #expect(line["metadata.message"] == "forged")
        #expect(line["metadata.level"] == "critical")
    }
}
