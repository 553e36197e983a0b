import Foundation
import Testing

@Suite("The hookctl command line")
struct CommandLineTests {
    static let commands = [
        "validate", "lint", "plan", "apply", "force-unlock", "list", "enable", "disable", "log", "export", "import",
        "render", "schema", "sample", "test", "history",
    ]

    /// Every command is registered: `hookctl --help` lists it and `hookctl COMMAND --help` exits 0.
    @Test func everyCommandIsReachable() throws {
        let binary = try #require(
            ApplyKilledProcessTests.builtExecutable("hookctl"), "build hookctl first (swift build)")
        func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
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
        let help = try run(["--help"])
        #expect(help.status == 0)
        for command in Self.commands {
            #expect(help.output.contains("\n  \(command) "), "hookctl --help does not list \(command)")
            #expect(try run([command, "--help"]).status == 0, "hookctl \(command) --help failed")
        }
    }
}
