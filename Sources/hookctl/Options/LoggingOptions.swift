public import ArgumentParser
import Foundation
public import HookctlCore
import Logging

extension LogLines.Format: ExpressibleByArgument {}

/// `--log-format` and `--log-level` of the long-running commands (`run`, `console`); without the flag,
/// `HOOKCTL_LOG_FORMAT` and `HOOKCTL_LOG_LEVEL`, as containers are configured.
struct LoggingOptions: ParsableArguments {
    @Option(
        help: """
            text (time level logger: key=value … message) or json (one object a line, for log shippers) \
            (default: $HOOKCTL_LOG_FORMAT, else text).
            """)
    var logFormat: LogLines.Format?

    @Option(
        help: """
            The least severe lines written: trace, debug, info, notice, warning, error or critical \
            (default: $HOOKCTL_LOG_LEVEL, else info).
            """)
    var logLevel: LogLevel?

    mutating func validate() throws {
        let environment = ProcessInfo.processInfo.environment
        if logFormat == nil, let text = environment["HOOKCTL_LOG_FORMAT"], !text.isEmpty {
            guard let format = LogLines.Format(rawValue: text) else {
                throw ValidationError("HOOKCTL_LOG_FORMAT is \"\(text)\"; it must be text or json")
            }
            logFormat = format
        }
        if logLevel == nil, let text = environment["HOOKCTL_LOG_LEVEL"], !text.isEmpty {
            guard let level = LogLevel(rawValue: text.lowercased()) else {
                throw ValidationError(
                    "HOOKCTL_LOG_LEVEL is \"\(text)\"; it must be one of "
                        + LogLevel.allCases.map(\.rawValue).joined(separator: ", "))
            }
            logLevel = level
        }
    }

    /// Sends every logger to standard error in the chosen format, from the chosen level up.
    func bootstrap() {
        LoggingSystem.bootstrap(
            LogLines.standardError(format: logFormat ?? .text, level: (logLevel ?? .info).level))
    }
}

/// swift-log's levels as an argument.
enum LogLevel: String, ExpressibleByArgument, CaseIterable {
    case trace, debug, info, notice, warning, error, critical

    var level: Logger.Level { Logger.Level(rawValue: rawValue) ?? .info }
}
