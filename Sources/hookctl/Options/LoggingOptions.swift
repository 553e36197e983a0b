public import ArgumentParser
public import HookctlCore
import Logging

extension LogLines.Format: ExpressibleByArgument {}

/// `--log-format` and `--log-level` of the long-running commands (`run`, `console`).
struct LoggingOptions: ParsableArguments {
    @Option(help: "text (time level logger: key=value … message) or json (one object a line, for log shippers).")
    var logFormat: LogLines.Format = .text

    @Option(help: "The least severe lines written: trace, debug, info, notice, warning, error or critical.")
    var logLevel: LogLevel = .info

    /// Sends every logger to standard error in the chosen format, from the chosen level up.
    func bootstrap() {
        LoggingSystem.bootstrap(LogLines.standardError(format: logFormat, level: logLevel.level))
    }
}

/// swift-log's levels as an argument.
enum LogLevel: String, ExpressibleByArgument, CaseIterable {
    case trace, debug, info, notice, warning, error, critical

    var level: Logger.Level { Logger.Level(rawValue: rawValue) ?? .info }
}
