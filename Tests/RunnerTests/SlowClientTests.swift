import Foundation
import JSON
import NIOCore
import NIOPosix
import Store
import Testing

@testable import Runner

/// A client that writes an intake request by hand over a real loopback connection: its head and the first part
/// of its body at once, then the rest of the body a byte at a time.
struct DribblingClient {
    let port: Int

    /// What became of the request: whether the server closed the connection before the body was all sent, and
    /// what it answered.
    struct Outcome {
        var closedEarly: Bool
        var answer: String
    }

    /// Sends `body` to `path` announcing `declaredLength` bytes (at least `body.count`): `body` at once, then
    /// `declaredLength - body.count` spaces, one every `pause`.
    func post(_ path: String, body: [UInt8], declaredLength: Int, pause: Duration) async throws -> Outcome {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let head =
            "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(RunnerFixtures.token)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(declaredLength)\r\nConnection: close\r\n\r\n"
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(bytes: Array(head.utf8) + body))
            return try await withThrowingTaskGroup(of: (answer: String, closed: Bool)?.self) { group in
                group.addTask {
                    var answer = ""
                    do {
                        for try await chunk in inbound { answer += String(buffer: chunk) }
                    } catch {}
                    return (answer, true)
                }
                group.addTask {
                    for _ in body.count..<declaredLength {
                        guard (try? await Task.sleep(for: pause)) != nil else { return nil }
                        do { try await outbound.write(ByteBuffer(string: " ")) } catch { return nil }
                    }
                    return nil
                }
                var answer = ""
                var closedEarly = false
                var sent = false
                while let result = try await group.next() {
                    if let result {
                        answer = result.answer
                        closedEarly = result.closed && !sent
                        group.cancelAll()
                    } else {
                        // Every byte was sent: the server answers and closes (`Connection: close`).
                        sent = true
                    }
                }
                return Outcome(closedEarly: closedEarly, answer: answer)
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
        try await withRunner(store: store, clock: SystemClock(), allow: [], bodyTimeout: .seconds(1)) { intake in
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
}
