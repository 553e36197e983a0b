import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a command writes and what it reads of its surroundings: standard output and error, whether a person is at
/// a terminal, and the environment. Commands take a `Terminal` so tests run them in-process and read what they printed.
public struct Terminal: Sendable {
    public var out: any OutputSink
    public var err: any OutputSink
    /// Whether standard input and output are an interactive terminal (prompts and colour need one).
    public var isInteractive: Bool
    /// The environment, for `HOOKCTL_*` settings and `${env:…}` references.
    public var environment: [String: String]
    /// What `-` reads where a command takes a file (`emit --event -`): the process's standard input, or a pipe in tests.
    public var input: Int32 = STDIN_FILENO

    public init(
        out: any OutputSink, err: any OutputSink, isInteractive: Bool = false, environment: [String: String] = [:]
    ) {
        self.out = out
        self.err = err
        self.isInteractive = isInteractive
        self.environment = environment
    }

    /// The process's own standard output and error, terminal detection and environment.
    public static func standard(environment: [String: String]? = nil) -> Terminal {
        Terminal(
            out: FileSink(descriptor: STDOUT_FILENO), err: FileSink(descriptor: STDERR_FILENO),
            isInteractive: isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1,
            environment: environment ?? ProcessInfo.processInfo.environment)
    }
}

/// A destination for text.
public protocol OutputSink: Sendable {
    func write(_ text: String)
}

/// Writes straight to a file descriptor, unbuffered, so output interleaves correctly with other processes.
public struct FileSink: OutputSink {
    public let descriptor: Int32

    public init(descriptor: Int32) { self.descriptor = descriptor }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return }
                offset += n
            }
        }
    }
}

/// Collects text in memory; the in-process tests' terminal.
public final class BufferSink: OutputSink {
    private let buffer = Mutex("")

    public init() {}

    public func write(_ text: String) { buffer.withLock { $0 += text } }

    /// Everything written so far.
    public var text: String { buffer.withLock { $0 } }
}

extension Terminal {
    /// A terminal that records both streams, for tests.
    public static func capturing(
        isInteractive: Bool = false, environment: [String: String] = [:]
    )
        -> (terminal: Terminal, out: BufferSink, err: BufferSink)
    {
        let out = BufferSink()
        let err = BufferSink()
        return (Terminal(out: out, err: err, isInteractive: isInteractive, environment: environment), out, err)
    }
}

#if canImport(Glibc)
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    private let systemWrite = Darwin.write
#endif
