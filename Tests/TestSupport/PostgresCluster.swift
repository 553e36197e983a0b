import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL cluster of one test's own (`Scripts/postgres.sh` with its own folder and a free loopback
/// port), for tests that restart or stop the server: the shared server of the other PostgreSQL tests is left alone.
public struct PostgresCluster: Sendable {
    public let directory: String
    public let port: Int

    /// The superuser's URL of the cluster's `postgres` database, for `--store`.
    public var url: String { "postgres://postgres@127.0.0.1:\(port)/postgres?sslmode=disable" }

    /// Starts a new cluster; `stop()` it when done.
    public static func start() async throws -> PostgresCluster {
        let cluster = PostgresCluster(
            directory: NSTemporaryDirectory() + "hookctl-pg-" + UUID().uuidString.prefix(8).lowercased(),
            port: try freePort())
        try await cluster.script("start")
        return cluster
    }

    /// `pg_ctl restart -m fast`: every connection is closed, then the server answers again; with `down`, it stays
    /// stopped that long in between (an outage a client under load is certain to run into).
    public func restart(down: Duration? = nil) async throws {
        let seconds = down.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }
        try await script("restart", environment: seconds.map { ["HOOKCTL_PG_DOWN_SECONDS": String($0)] } ?? [:])
    }

    /// Stops the server and removes its folder.
    public func stop() async throws { try await script("stop") }

    public struct ScriptFailed: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `bash Scripts/postgres.sh command` for this cluster. Its output goes to a file, not a pipe: the server
    /// it starts would inherit a pipe and hold it open. The process is polled, never waited on.
    func script(_ command: String, environment: [String: String] = [:]) async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let output = URL(fileURLWithPath: NSTemporaryDirectory() + "hookctl-pg-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent("Scripts/postgres.sh").path, command]
        process.environment = ProcessInfo.processInfo.environment.merging(
            [
                "HOOKCTL_PG_DIR": directory, "HOOKCTL_PG_PORT": String(port),
            ].merging(environment) { $1 }
        ) { $1 }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // pg_ctl -w waits at most 60 s itself; this bound is only against a hung script.
        // Asked of the kernel: the server the script starts keeps Foundation's own exit watch open (see ExitWatch).
        let watch = ExitWatch(process)
        for _ in 0..<1_500 where !watch.hasExited { try await Task.sleep(for: .milliseconds(50)) }
        let status = watch.exitStatus
        guard let status else {
            kill(process.processIdentifier, SIGKILL)
            throw ScriptFailed(description: "postgres.sh \(command) did not finish")
        }
        guard status == 0 else {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            throw ScriptFailed(description: "postgres.sh \(command) failed (\(status)): \(text)")
        }
    }

    /// A loopback port nothing listens on now (the kernel's choice for port 0).
    static func freePort() throws -> Int {
        let (socket, port) = try LoopbackPort.bind()
        close(socket)
        return port
    }
}
