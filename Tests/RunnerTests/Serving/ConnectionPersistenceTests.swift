import Foundation
import Store
import TestSupport
import Testing

@testable import Runner

/// A connection ends after a request when HTTP/1.1 says it does (RFC 9112 §9.3), and persists otherwise; over raw
/// loopback connections to a real intake whose idle timeout (5 min) is far beyond any wait here, so a close seen is
/// the answer's, not the idle timer's.
@Suite struct ConnectionPersistenceTests {
    func withIntake(_ body: @Sendable (_ port: Int) async throws -> Void) async throws {
        let store = try await RunnerFixtures.store([])
        try await RunnerServiceTests().withRunner(
            store: store, clock: SystemClock(), allow: [], idleTimeout: .seconds(300)
        ) { intake in
            try await body(try #require(URL(string: intake)?.port))
        }
    }

    @Test(
        "A request that does not keep its connection is answered, then its connection closed",
        arguments: [
            ("GET /healthz HTTP/1.0\r\n\r\n", "HTTP/1.0 200"),
            ("GET /healthz HTTP/1.0\r\nHost: a\r\nConnection: close\r\n\r\n", "HTTP/1.0 200"),
            ("GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: Close, TE\r\n\r\n", "HTTP/1.1 200"),
            ("GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", "HTTP/1.1 200"),
        ])
    func closesAfterTheAnswer(request: String, status: String) async throws {
        try await withIntake { port in
            let connection = try await RawConnection.open(port: port)
            try await connection.write(request)
            try await eventually("the connection is closed after the answer") { connection.closedByServer }
            #expect(connection.answer.hasPrefix(status), "\(connection.answer)")
            #expect(connection.answer.hasSuffix(#"{"status":"ok"}"# + "\n"), "answered in full: \(connection.answer)")
        }
    }

    @Test(
        "A request that keeps its connection has the next one answered on it",
        arguments: [
            ("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", "HTTP/1.0 200"),
            ("GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.1 200"),
        ])
    func persists(request: String, status: String) async throws {
        try await withIntake { port in
            let connection = try await RawConnection.open(port: port)
            try await connection.write(request)
            try await eventually("the first answer arrives") { connection.answer.hasSuffix("}\n") }
            #expect(connection.answer.hasPrefix(status), "\(connection.answer)")
            if status.hasPrefix("HTTP/1.0") {
                #expect(
                    connection.answer.lowercased().contains("connection: keep-alive\r\n"),
                    "an HTTP/1.0 client is told its connection is kept: \(connection.answer)")
            }
            try await connection.write(request)
            try await eventually("the second answer arrives on the same connection") {
                connection.answer.components(separatedBy: status).count == 3
            }
            #expect(!connection.closedByServer)
            try await connection.close()
        }
    }

    /// Bytes that are not an HTTP/1 request get the HTTP layer's empty 400, and the connection is closed (README,
    /// "The intake API").
    @Test(arguments: [
        "BREW /healthz HTTP/1.1\r\nHost: a\r\n\r\n", "POST /v1/events HTTP/1.1\r\nContent-Length: x\r\n\r\n",
    ])
    func notHTTPIsAnEmpty400AndAClose(request: String) async throws {
        try await withIntake { port in
            let connection = try await RawConnection.open(port: port)
            try await connection.write(request)
            try await eventually("the connection is closed") { connection.closedByServer }
            #expect(connection.answer.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), "\(connection.answer)")
            #expect(connection.answer.lowercased().contains("content-length: 0\r\n"))
        }
    }
}
