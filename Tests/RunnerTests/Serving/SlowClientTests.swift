import Foundation
import JSON
import NIOCore
import NIOPosix
import Store
import Testing

@testable import Runner

/// A client that writes an intake request by hand over a real loopback connection: part of it at once, the rest a
/// byte at a time.
struct DribblingClient {
    let port: Int

    /// What became of the request: whether the server closed the connection before it was all sent, and what it
    /// answered.
    struct Outcome {
        var closedEarly: Bool
        var answer: String
    }

    /// Sends `body` to `path` announcing `declaredLength` bytes (at least `body.count`): the head and `body` at
    /// once, then `declaredLength - body.count` spaces, one every `pause`.
    func post(_ path: String, body: [UInt8], declaredLength: Int, pause: Duration) async throws -> Outcome {
        let head = Self.head(path, length: declaredLength)
        return try await send(
            head + body, thenByteByByte: Array(repeating: UInt8(ascii: " "), count: declaredLength - body.count),
            pause: pause)
    }

    /// Sends the request line of a POST to `path` at once, then the rest of its head (with `padding` bytes of an
    /// extra header), one byte every `pause`, and no body.
    func dribbleHead(_ path: String, padding: Int, pause: Duration) async throws -> Outcome {
        let line = Array("POST \(path) HTTP/1.1\r\n".utf8)
        let rest =
            Array("X-Padding: \(String(repeating: "a", count: padding))\r\n".utf8)
            + Self.head(path, length: 10).dropFirst(line.count)
        return try await send(line, thenByteByByte: rest, pause: pause)
    }

    static func head(_ path: String, length: Int) -> [UInt8] {
        Array(
            ("POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(RunnerFixtures.token)\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(length)\r\nConnection: close\r\n\r\n").utf8)
    }

    /// Announces `declaredLength` bytes of body to `path`, starts sending them (spaces, 64 KiB at a time, `sent` in
    /// all), and returns the server's answer as soon as it is whole (its head and the `Content-Length` bytes after
    /// it), without waiting for the rest to be sent or for the connection to close.
    func answer(to path: String, declaredLength: Int, sending sent: Int) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(bytes: Self.head(path, length: declaredLength)))
            return await withTaskGroup(of: String?.self) { group in
                group.addTask {
                    let chunk = ByteBuffer(repeating: UInt8(ascii: " "), count: 64 << 10)
                    for _ in 0..<(sent / chunk.readableBytes) {
                        do { try await outbound.write(chunk) } catch { break }
                    }
                    return nil
                }
                group.addTask {
                    var answer: [UInt8] = []
                    do {
                        for try await chunk in inbound {
                            answer += chunk.readableBytesView
                            if Self.isWhole(answer) { break }
                        }
                    } catch {}
                    return String(decoding: answer, as: UTF8.self)
                }
                var answer = ""
                while let result = await group.next() {
                    if let result {
                        answer = result
                        group.cancelAll()
                    }
                }
                return answer
            }
        }
    }

    /// Whether `bytes` hold a whole HTTP response: a head, and as many bytes after it as it announces.
    static func isWhole(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return false }
        let head = text[..<end.lowerBound].lowercased()
        let length =
            head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        return text[end.upperBound...].utf8.count >= length
    }

    private enum End: Sendable {
        case closed(answer: String)
        case sentAll
        case writeFailed
    }

    /// Writes `first`, then each of `rest` after a `pause`, while reading what the server answers until it closes.
    func send(_ first: [UInt8], thenByteByByte rest: [UInt8], pause: Duration) async throws -> Outcome {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            // On a machine busy enough that the connection sat idle past the server's timeout before this first
            // write, the server has closed it already: that is a close before the head was all sent too.
            do { try await outbound.write(ByteBuffer(bytes: first)) } catch {
                return Outcome(closedEarly: true, answer: "")
            }
            // The reader ends when the server closes; the writer when every byte was written or a write failed
            // (the server closed first).
            return try await withThrowingTaskGroup(of: End.self) { group in
                group.addTask {
                    var answer = ""
                    do {
                        for try await chunk in inbound { answer += String(buffer: chunk) }
                    } catch {}
                    return .closed(answer: answer)
                }
                group.addTask {
                    for byte in rest {
                        guard (try? await Task.sleep(for: pause)) != nil else { return .writeFailed }
                        do { try await outbound.write(ByteBuffer(bytes: [byte])) } catch { return .writeFailed }
                    }
                    return .sentAll
                }
                var outcome = Outcome(closedEarly: true, answer: "")
                while let end = try await group.next() {
                    switch end {
                    case .closed(let answer):
                        outcome.answer = answer
                        group.cancelAll()
                    case .sentAll: outcome.closedEarly = false
                    case .writeFailed: break
                    }
                }
                return outcome
            }
        }
    }
}

extension RunnerServiceTests {
    /// A body that dribbles in (each byte resetting the idle timeout) is cut off at the body deadline: the
    /// connection is closed, nothing of the event is written, and the same event sent whole later is new, not a
    /// duplicate. One that arrives within the deadline, however slowly, is accepted.
    @Test func aDribbledBodyIsCutOffAtTheDeadlineAndNothingOfItIsWritten() async throws {
        let store = try await RunnerFixtures.store([])
        try await withRunner(store: store, clock: SystemClock(), allow: [], bodyTimeout: .seconds(3)) { intake in
            let port = try #require(URL(string: intake)?.port)
            let event = RunnerFixtures.event(id: "AR-DRIBBLE")
            // The whole event is there at once; only the announced trailing spaces dribble, 100 of them over 20 s.
            let cut = try await DribblingClient(port: port).post(
                "/v1/events", body: event, declaredLength: event.count + 100, pause: .milliseconds(200))
            #expect(cut.closedEarly, "the server closed the connection before the body was all sent")
            #expect(cut.answer.isEmpty, "it answered nothing: \(cut.answer)")

            let later = try await post(intake + "/v1/events", event)
            #expect(later.status == 202)
            #expect(later.body?["duplicate"] == false, "the cut-off request wrote nothing")

            let slow = RunnerFixtures.event(id: "AR-SLOW")
            let accepted = try await DribblingClient(port: port).post(
                "/v1/events", body: slow, declaredLength: slow.count + 4, pause: .milliseconds(50))
            #expect(!accepted.closedEarly)
            #expect(accepted.answer.hasPrefix("HTTP/1.1 202"), "\(accepted.answer)")
        }
    }

    /// A body announced above 1 MiB is refused as soon as its head is read: the 413 and its reason come back while
    /// the client has sent 2 of its 64 MiB, and the intake serves on.
    @Test func anOversizedBodyIsRefusedBeforeItIsRead() async throws {
        let store = try await RunnerFixtures.store([])
        try await withRunner(store: store, clock: SystemClock(), allow: []) { intake in
            let port = try #require(URL(string: intake)?.port)
            let answer = try await DribblingClient(port: port).answer(
                to: "/v1/events", declaredLength: 64 << 20, sending: 2 << 20)
            #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer)")
            #expect(
                answer.contains("the body is 67108864 bytes; the intake takes at most 1048576 (1 MiB)"), "\(answer)")
            #expect(try await post(intake + "/healthz", [], method: "GET").status == 200, "the intake serves on")
        }
    }

    /// A head that dribbles in is cut off at the idle timeout: its bytes are no activity until the head is whole.
    @Test func aDribbledHeadIsCutOffAtTheIdleTimeout() async throws {
        let store = try await RunnerFixtures.store([])
        try await withRunner(store: store, clock: SystemClock(), allow: [], idleTimeout: .seconds(1)) { intake in
            let port = try #require(URL(string: intake)?.port)
            // About 300 bytes of head a byte every 50 ms: 15 s, where the idle timeout is 1 s.
            let cut = try await DribblingClient(port: port).dribbleHead(
                "/v1/events", padding: 100, pause: .milliseconds(50))
            #expect(cut.closedEarly, "the server closed the connection before the head was all sent")
            #expect(cut.answer.isEmpty, "it answered nothing: \(cut.answer)")
            #expect(try await post(intake + "/healthz", [], method: "GET").status == 200, "the intake serves on")
        }
    }
}
