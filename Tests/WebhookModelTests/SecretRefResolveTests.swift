import Testing
import WebhookModel

/// The one resolution of `${env:…}` and `${file:…}` references, with a file reader of the test's own.
@Suite struct SecretRefResolveTests {
    static let files = [
        "/work/lf": "s3cret\n", "/work/crlf": "s3cret\r\n", "/work/bare": "s3cret", "/work/two": "s3cret\n\n",
        "/abs/token": "t",
    ]

    func resolve(
        _ reference: String, environment: [String: String] = [:]
    ) throws -> Result<
        String, SecretRef.Unresolved
    > {
        let parsed = try #require(SecretRef.parse(reference)).get()
        return parsed.resolve(environment: environment, directory: "/work/sub") { Self.files[$0] }
    }

    @Test(
        "A file's text loses one trailing line break, LF or CRLF, and nothing else",
        arguments: [
            ("${file:../lf}", "s3cret"), ("${file:../crlf}", "s3cret"), ("${file:../bare}", "s3cret"),
            ("${file:../two}", "s3cret\n"), ("${file:/abs/token}", "t"),
        ])
    func fileText(reference: String, value: String) throws {
        #expect(try resolve(reference) == .success(value))
    }

    @Test func aFileThatCannotBeReadNamesItsPath() throws {
        #expect(try resolve("${file:missing}") == .failure(.unreadable(path: "/work/sub/missing")))
    }

    @Test func anEnvironmentVariableMustBeSetAndNotEmpty() throws {
        #expect(try resolve("${env:TOKEN}", environment: ["TOKEN": "x"]) == .success("x"))
        #expect(try resolve("${env:TOKEN}", environment: ["TOKEN": ""]) == .failure(.empty))
        #expect(try resolve("${env:TOKEN}", environment: ["OTHER": "x"]) == .failure(.notSet))
    }
}
