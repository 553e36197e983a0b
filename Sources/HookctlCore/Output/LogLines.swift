import Foundation
import JSON
public import Logging
import Synchronization

/// The long-running commands' log handler: the lines of swift-log's `StreamLogHandler` on standard error,
/// byte for byte (`2026-12-01T20:42:08+0000 info hookctl.runner: key=value … [Module] message`), made for a runner
/// that logs every attempt.
///
/// `StreamLogHandler` formats the local time with `localtime` and `strftime` for every line and builds the
/// metadata text through several intermediate arrays; under load that was a twentieth of the runner's CPU. Here the
/// timestamp is formatted once per second and the line is built in one string, then written with one `write` to
/// standard error, unbuffered, so no line is kept back when the process is killed.
///
/// With `format: .json` each line is one JSON object instead, for log shippers: `time` (UTC, milliseconds), `level`,
/// `logger`, `source`, `message` and every metadata key (a key that would shadow one of those is written as
/// `metadata.KEY`), with values as strings, arrays and objects.
public struct LogLines: LogHandler {
    /// How each line is written.
    public enum Format: String, Sendable, CaseIterable {
        /// `time level label: key=value … [Module] message`, as `StreamLogHandler` writes it.
        case text
        /// One JSON object a line.
        case json
    }

    public var logLevel: Logger.Level = .info
    public var metadataProvider: Logger.MetadataProvider?
    public var metadata: Logger.Metadata = [:] {
        didSet { prettyMetadata = Self.prettify(metadata) }
    }

    private var prettyMetadata: String?
    private let label: String
    private let output: Output
    private let format: Format

    /// Writes to standard error, as `StreamLogHandler.standardError` does.
    public static func standardError(label: String) -> LogLines {
        LogLines(label: label, output: .standardError, metadataProvider: LoggingSystem.metadataProvider)
    }

    /// The handler factory for `LoggingSystem.bootstrap`: lines in `format` on standard error, from `level` up.
    public static func standardError(
        format: Format, level: Logger.Level
    ) -> @Sendable (String) -> LogLines {
        { label in
            var handler = LogLines(
                label: label, output: .standardError, metadataProvider: LoggingSystem.metadataProvider,
                format: format)
            handler.logLevel = level
            return handler
        }
    }

    /// Hands each line to `write` instead: for tests.
    init(label: String, format: Format = .text, write: @escaping @Sendable (String) -> Void) {
        self.init(label: label, output: Output(write: write), metadataProvider: nil, format: format)
    }

    private init(
        label: String, output: Output, metadataProvider: Logger.MetadataProvider?, format: Format = .text
    ) {
        self.label = label
        self.output = output
        self.metadataProvider = metadataProvider
        self.format = format
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        if format == .json { return output.write(jsonLine(event)) }
        var pretty = prettyMetadata
        let provided = metadataProvider?.get() ?? [:]
        if !provided.isEmpty || event.metadata?.isEmpty == false || event.error != nil {
            var merged = metadata
            merged.merge(provided) { $1 }
            if let explicit = event.metadata { merged.merge(explicit) { $1 } }
            if let error = event.error {
                merged["error.message"] = "\(error)"
                merged["error.type"] = "\(String(reflecting: type(of: error)))"
            }
            pretty = Self.prettify(merged)
        }
        let message = event.message.description
        var line = output.timestamp()
        line.reserveCapacity(line.utf8.count + label.utf8.count + (pretty?.utf8.count ?? 0) + message.utf8.count + 32)
        line += " "
        line += event.level.rawValue
        if !label.isEmpty {
            line += " "
            line += label
        }
        line += ":"
        if let pretty {
            line += " "
            line += pretty
        }
        line += " ["
        line += event.source
        line += "] "
        line += message
        line += "\n"
        output.write(line)
    }

    /// `event` as one JSON object and a newline.
    private func jsonLine(_ event: LogEvent) -> String {
        var merged = metadata
        merged.merge(metadataProvider?.get() ?? [:]) { $1 }
        if let explicit = event.metadata { merged.merge(explicit) { $1 } }
        if let error = event.error {
            merged["error.message"] = "\(error)"
            merged["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        var members: [(String, JSONValue)] = [
            ("time", .string(output.utcTimestamp())), ("level", .string(event.level.rawValue)),
            ("logger", .string(label)), ("source", .string(event.source)),
            ("message", .string(event.message.description)),
        ]
        let reserved: Set = ["time", "level", "logger", "source", "message"]
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            members.append((reserved.contains(key) ? "metadata.\(key)" : key, Self.json(value)))
        }
        return JSONValue.object(JSONObject(members: members)).jsonText + "\n"
    }

    private static func json(_ value: Logger.MetadataValue) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let convertible): .string(convertible.description)
        case .array(let values): .array(values.map(json))
        case .dictionary(let values):
            .object(JSONObject(members: values.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) }))
        }
    }

    /// `key=value` pairs by key, space-separated, as `StreamLogHandler` writes them.
    static func prettify(_ metadata: Logger.Metadata) -> String? {
        guard !metadata.isEmpty else { return nil }
        var text = ""
        for (index, (key, value)) in metadata.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { text += " " }
            text += key
            text += "="
            text += value.description
        }
        return text
    }

    /// Where lines go, and the current second's timestamp.
    final class Output: Sendable {
        private let sink: @Sendable (String) -> Void
        private let second = Mutex<(time: Int, text: String)>((-1, ""))

        /// One `write(2)` per line (more only if the descriptor takes part of it), as unbuffered stdio would.
        static let standardError = Output { line in
            var line = line
            line.withUTF8 { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = Foundation.write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                    if written > 0 {
                        offset += written
                    } else if written < 0, errno == EINTR {
                        continue
                    } else {
                        return
                    }
                }
            }
        }

        init(write: @escaping @Sendable (String) -> Void) {
            sink = write
            // `localtime_r`, unlike `localtime`, need not read the time zone itself.
            tzset()
        }

        func write(_ line: String) { sink(line) }

        /// The time in UTC with milliseconds, `2026-12-01T20:42:08.123Z`, for JSON lines.
        func utcTimestamp() -> String {
            var now = timespec()
            clock_gettime(CLOCK_REALTIME, &now)
            var seconds = now.tv_sec
            var utc = tm()
            guard gmtime_r(&seconds, &utc) != nil else { return "<unknown>" }
            var buffer = [CChar](repeating: 0, count: 64)
            let length = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S", &utc)
            let text = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let milliseconds = Int(now.tv_nsec) / 1_000_000
            return text + "." + String(milliseconds + 1000).dropFirst() + "Z"
        }

        /// The local time as `StreamLogHandler` writes it (`%Y-%m-%dT%H:%M:%S%z`), formatted once a second.
        func timestamp() -> String {
            var now = time(nil)
            if let kept = second.withLock({ $0.time == now ? $0.text : nil }) { return kept }
            var local = tm()
            guard localtime_r(&now, &local) != nil else { return "<unknown>" }
            var buffer = [CChar](repeating: 0, count: 64)
            let length = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &local)
            let text = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            second.withLock { $0 = (now, text) }
            return text
        }
    }
}
