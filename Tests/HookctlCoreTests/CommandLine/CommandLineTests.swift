import Foundation
import TestSupport
import Testing

@Suite("The hookctl command line")
struct CommandLineTests {
    /// A command as ArgumentParser's `--experimental-dump-help` describes it.
    struct CommandInfo: Decodable {
        var commandName: String
        var shouldDisplay: Bool?
        var subcommands: [CommandInfo]?
    }

    struct ToolInfo: Decodable {
        var command: CommandInfo
    }

    /// Runs `binary` and waits for it off the cooperative pool.
    static func run(_ binary: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await offThePool { try runBlocking(binary, arguments) }
    }

    private static func runBlocking(_ binary: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// Every command path (`["history", "show"]`) below `command`, from the executable's own configuration.
    static func paths(below command: CommandInfo, prefix: [String] = []) -> [[String]] {
        (command.subcommands ?? []).filter { $0.commandName != "help" }.flatMap { sub in
            [prefix + [sub.commandName]] + paths(below: sub, prefix: prefix + [sub.commandName])
        }
    }

    /// Every command the real `hookctl` configures is listed by `--help`, answers `COMMAND --help`, and is documented.
    /// Without `--log-format` / `--log-level`, `run` and `console` take `HOOKCTL_LOG_FORMAT` / `HOOKCTL_LOG_LEVEL`;
    /// a value that is neither is bad usage said before anything starts.
    @Test func logSettingsComeFromTheEnvironmentToo() async throws {
        let binary = try #require(
            ApplyKilledProcessTests.builtExecutable("hookctl"), "build hookctl first (swift build)")
        for (name, value, message) in [
            ("HOOKCTL_LOG_FORMAT", "xml", "HOOKCTL_LOG_FORMAT is \"xml\"; it must be text or json"),
            ("HOOKCTL_LOG_LEVEL", "loud", "HOOKCTL_LOG_LEVEL is \"loud\"; it must be one of trace, debug"),
        ] {
            for command in ["run", "console"] {
                let (status, output) = try await GitHubActionTests.run(binary, [command], environment: [name: value])
                #expect(status == 2, "\(command) with \(name)=\(value): \(output)")
                #expect(output.contains(message), "\(output)")
            }
        }
    }

    @Test func everyCommandIsReachable() async throws {
        let binary = try #require(
            ApplyKilledProcessTests.builtExecutable("hookctl"), "build hookctl first (swift build)")
        let dump = try await Self.run(binary, ["--experimental-dump-help"])
        #expect(dump.status == 0)
        let tool = try JSONDecoder().decode(ToolInfo.self, from: Data(dump.output.utf8))
        #expect(tool.command.commandName == "hookctl")
        let commands = Self.paths(below: tool.command)
        let topLevel = commands.filter { $0.count == 1 }.map { $0[0] }
        try #require(!topLevel.isEmpty, "hookctl --experimental-dump-help lists no commands:\n\(dump.output)")

        let help = try await Self.run(binary, ["--help"])
        #expect(help.status == 0)
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        for command in topLevel {
            #expect(help.output.contains("\n  \(command) "), "hookctl --help does not list \(command)")
            let documented = ["hookctl \(command) ", "`\(command) ", "`\(command)`"].contains { readme.contains($0) }
            #expect(documented, "README.md never documents hookctl \(command)")
        }
        for path in commands {
            let name = (["hookctl"] + path).joined(separator: " ")
            #expect(try await Self.run(binary, path + ["--help"]).status == 0, "\(name) --help failed")
        }
    }
}
