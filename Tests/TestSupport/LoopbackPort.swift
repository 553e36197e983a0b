import Glibc
import Synchronization

/// A loopback TCP port held by a socket that is bound but never listens: a connection to it is refused at once,
/// and no other test can bind the port while it is held (a port that was merely closed can be handed out again by
/// the kernel to a receiver in a test running beside this one).
public final class RefusingPort: Sendable {
    public let port: Int
    private let socket: Mutex<Int32?>

    public init() throws {
        let (socket, port) = try LoopbackPort.bind()
        self.port = port
        self.socket = Mutex(socket)
    }

    /// Lets the port go, so that a receiver can take it: the window in which another test could is this call's.
    public func release() {
        socket.withLock { socket in
            if let held = socket { close(held) }
            socket = nil
        }
    }

    deinit { release() }
}

/// `body` with a port that refuses connections for as long as it runs.
public func withRefusingPort<T>(_ body: (Int) async throws -> T) async throws -> T {
    let held = try RefusingPort()
    defer { held.release() }
    return try await body(held.port)
}

enum LoopbackPort {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// A TCP socket bound to 127.0.0.1 on the kernel's choice of port, and that port.
    static func bind() throws -> (socket: Int32, port: Int) {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Unavailable(description: "no socket for a loopback port") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                Glibc.bind(socket, address, length) == 0 && getsockname(socket, address, &length) == 0
            }
        }
        guard bound else {
            close(socket)
            throw Unavailable(description: "no free loopback port")
        }
        return (socket, Int(UInt16(bigEndian: address.sin_port)))
    }
}
