import WebhookModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file a command reads whole: an event, a template, a JSON context. `-` is standard input; a pipe, FIFO or device
/// is read like a file; at most `limit` bytes are read, so `/dev/zero` or an endless pipe is refused, never read
/// forever.
enum InputFile {
    /// The most a command reads from one file unless it says otherwise.
    static let defaultLimit = 16 << 20

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// How `path` is named in messages: `-` is standard input.
    static func name(_ path: String) -> String { path == "-" ? "standard input" : path }

    /// The bytes of `path` (resolved against `directory`; `-` reads `standardInput`). Past `limit` bytes it stops
    /// reading and throws, naming the limit and `limitReason`.
    static func read(
        _ path: String, directory: String, standardInput: Int32 = STDIN_FILENO, limit: Int = defaultLimit,
        limitReason: String = "the most hookctl reads from one file"
    ) throws(Failure) -> [UInt8] {
        let descriptor: Int32
        if path == "-" {
            descriptor = standardInput
        } else {
            descriptor = open(AbsolutePath.resolve(path, against: directory), O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw Failure(description: "cannot read \(path): \(reason(errno))") }
        }
        defer { if path != "-" { close(descriptor) } }
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            throw Failure(description: "cannot read \(path): it is a directory")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw Failure(description: "cannot read \(name(path)): \(reason(errno))") }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
        }
        throw Failure(description: "\(name(path)) is larger than \(limit >> 20) MiB (\(limit) bytes), \(limitReason)")
    }

    private static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES, EPERM: "permission denied"
        case ENOTDIR: "a part of the path is not a directory"
        case ELOOP: "too many levels of symbolic links"
        default: String(cString: strerror(code))
        }
    }
}

#if canImport(Glibc)
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    private let systemRead = Darwin.read
#endif
