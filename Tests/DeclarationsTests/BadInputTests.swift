import Declarations
import Foundation
import TestSupport
import Testing
import WebhookModel

@Suite("Bad input: clear errors, never a crash or hang")
struct BadInputTests {
    @Test func yamlSyntaxErrorKeepsLibyamlsPosition() throws {
        try expectFinding(
            "yaml.syntax", in: "name: x\nmethod: POST\nurl: 1️⃣\"unterminated\n", message: "YAML syntax error")
        try expectFinding("yaml.syntax", in: "name: [a, b\n1️⃣", message: "YAML syntax error")
    }

    /// libyaml puts an error at the end of a file without a final line break on the line after the last; the
    /// finding stays inside the file, at the end of its last line.
    @Test func yamlSyntaxErrorAtTheEndOfAFileWithoutALineBreak() throws {
        try expectFinding("yaml.syntax", in: "name: x\nmethod: POST\n:4431️⃣", message: "could not find expected ':'")
    }

    @Test func tabIndentationIsNamed() throws {
        try expectFinding(
            "yaml.tab", in: "name: x\nheaders:\n1️⃣\tAccept: json\n", message: "tab is used for indentation")
    }

    @Test func duplicateKeyPointsAtTheRepeat() throws {
        try expectFinding(
            "yaml.duplicate-key", in: validDeclaration + "\n1️⃣method: PUT", message: "key \"method\" is repeated")
        let set = try load(MarkedText(validDeclaration + "\nmethod: PUT"))
        #expect(set.diagnostics.first?.notes == ["first written at webhooks.d/hooks.yaml:2:1"])
    }

    @Test func nestedDuplicateKey() throws {
        try expectFinding(
            "yaml.duplicate-key", in: validDeclaration + "\nheaders:\n  Accept: a\n  X-B: b\n  1️⃣Accept: c")
        try expectFinding(
            "yaml.duplicate-key", in: validDeclaration + "\n1️⃣\"method\": PUT", message: "key \"method\" is repeated")
        try expectFinding(
            "yaml.duplicate-key", in: validDeclaration + "\nheaders:\n  'Accept': a\n  X-B: b\n  1️⃣\"Accept\": c")
    }

    @Test func mergeKeysAreRefused() throws {
        try expectFinding("yaml.merge-key", in: validDeclaration + "\n1️⃣<<: {active: false}")
    }

    /// A tag that would make a value something other than what it reads as is refused where it is written; one
    /// that repeats what the value is changes nothing.
    @Test func yamlTagsThatChangeAValueAreRefused() throws {
        let triggersAsString = validDeclaration.replacingOccurrences(
            of: "triggers: [Created, Approved]", with: "triggers: 1️⃣!!str [Created, Approved]")
        try expectFinding("yaml.tag", in: triggersAsString, message: "the YAML tag !!str on a list is not supported")
        try expectFinding(
            "yaml.tag", in: validDeclaration + "\nactive: 1️⃣!!str true",
            message: "the YAML tag !!str on a boolean is not supported")
        try expectFinding("yaml.tag", in: validDeclaration + "\ntimeout: 1️⃣!!int \"5s\"")
        try expectFinding("yaml.tag", in: validDeclaration + "\nheaders: 1️⃣!custom {Accept: a}")
        let tagged = try load(MarkedText(validDeclaration + "\nactive: !!str true"))
        #expect(tagged.declarations.isEmpty, "a tagged document is left out, not read another way")

        let harmless = try load(
            MarkedText(
                validDeclaration.replacingOccurrences(of: "method: POST", with: "method: !!str POST")
                    + "\nactive: !!bool true"))
        #expect(harmless.diagnostics.isEmpty, "\(harmless.diagnostics)")
        #expect(harmless.declarations.first?.webhook.method.rawValue == "POST")
    }

    @Test func billionLaughsIsRefusedQuickly() throws {
        var yaml =
            "a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            yaml += "a\(level): &a\(level) [\(refs)]\n"
        }
        yaml += "name: 1️⃣*a9\n"
        // The first alias use is on line 2, column 10: "a1: &a1 [*a0, …]".
        let text = MarkedText(yaml)
        let set = try load(text)
        #expect(set.diagnostics.map(\.code) == ["yaml.alias"])
        #expect(set.diagnostics.first?.location?.line == 2)
        #expect(set.diagnostics.first?.location?.column == 10)
    }

    @Test func aliasBombInKeysIsRefused() throws {
        var yaml = "x0: &k0 {a: 1, b: 2}\n"
        for level in 1...40 { yaml += "x\(level): &k\(level) {? *k\(level - 1) : 1, c: *k\(level - 1)}\n" }
        let set = try load(MarkedText(yaml))
        #expect(set.diagnostics.map(\.code) == ["yaml.alias"])
    }

    @Test func slackBoldIsNotAnAlias() throws {
        let yaml = validDeclaration.replacingOccurrences(
            of: "{\"summary\": \"{{data.requester.name}} requested access\"}",
            with: "{\"text\": \"*Requester*: {{data.requester.name}} &amp; *Flow*\"}")
        #expect(try load(MarkedText(yaml)).diagnostics.isEmpty)
    }

    @Test func emptyFileWarns() throws {
        try expectFinding("file.empty", .warning, in: "1️⃣")
        try expectFinding("file.empty", .warning, in: "1️⃣# only a comment\n")
    }

    @Test func emptyDocumentBetweenSeparatorsWarns() throws {
        let set = try load(
            MarkedText(
                validDeclaration + "\n---\n---\n" + validDeclaration.replacingOccurrences(of: "jira-", with: "b-")))
        #expect(set.declarations.count == 2)
        #expect(set.diagnostics.map(\.code) == ["file.empty-document"])
    }

    @Test func oversizedFileIsRefused() throws {
        let big = validDeclaration + "\n# " + String(repeating: "x", count: 1 << 20)
        try expectFinding("file.too-large", in: "1️⃣" + big, message: "at most 1 MiB")
    }

    @Test func invalidUTF8IsLocated() throws {
        let workspace = try Workspace()
        var bytes = Array("name: ok\nurl: https://ex".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("ample.com/\n".utf8)
        try workspace.write("webhooks.d/bad.yaml", Data(bytes))
        let set = DeclarationLoader.load(paths: ["webhooks.d"], currentDirectory: workspace.path)
        #expect(set.diagnostics.map(\.code) == ["file.encoding"])
        #expect(set.diagnostics.first?.location == SourceLocation(file: "webhooks.d/bad.yaml", line: 2, column: 16))
    }

    @Test func binaryFileIsRefused() throws {
        let workspace = try Workspace()
        try workspace.write(
            "webhooks.d/image.yaml", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]))
        let set = DeclarationLoader.load(paths: ["webhooks.d"], currentDirectory: workspace.path)
        #expect(set.diagnostics.map(\.code) == ["file.binary"])
    }

    /// A second byte order mark, from files joined after each was saved with one, is named where it is, not taken
    /// as part of the next key.
    @Test func aByteOrderMarkInsideTheFileIsRefusedWhereItIs() throws {
        let workspace = try Workspace()
        let second = validDeclaration.replacingOccurrences(of: "jira-", with: "b-")
        try workspace.write(
            "webhooks.d/joined.yaml",
            Data(
                [0xEF, 0xBB, 0xBF] + Array((validDeclaration + "\n---\n").utf8) + [0xEF, 0xBB, 0xBF]
                    + Array(second.utf8)))
        let set = DeclarationLoader.load(paths: ["webhooks.d"], currentDirectory: workspace.path)
        #expect(set.diagnostics.map(\.code) == ["file.encoding"])
        let lines = validDeclaration.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(
            set.diagnostics.first?.location
                == SourceLocation(file: "webhooks.d/joined.yaml", line: lines + 2, column: 1))
        #expect(set.diagnostics.first?.message.contains("byte order mark (U+FEFF) inside the file") == true)
    }

    /// libyaml breaks lines at these too, so the lines it reads would not be the lines an editor shows.
    @Test(arguments: [
        ("\r", "a carriage return (CR) that is not followed by a line feed"),
        ("\u{85}", "a U+0085 NEXT LINE character"),
        ("\u{2028}", "a U+2028 LINE SEPARATOR character"),
        ("\u{2029}", "a U+2029 PARAGRAPH SEPARATOR character"),
    ])
    func lineBreaksOtherThanLFAndCRLFAreRefusedWhereTheyAre(character: String, message: String) throws {
        try expectFinding(
            "file.encoding", in: "name: x\r\n# ok\n# a 1️⃣\(character)comment\nmethod: POST\n", message: message)
    }

    @Test func crlfLineEndingsAreAccepted() throws {
        let workspace = try Workspace()
        try workspace.write(
            "webhooks.d/crlf.yaml", Data(validDeclaration.replacingOccurrences(of: "\n", with: "\r\n").utf8))
        let set = DeclarationLoader.load(paths: ["webhooks.d"], currentDirectory: workspace.path)
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
        #expect(set.declarations.count == 1)
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let workspace = try Workspace()
        try workspace.write("webhooks.d/bom.yaml", Data([0xEF, 0xBB, 0xBF] + Array(validDeclaration.utf8)))
        let set = DeclarationLoader.load(paths: ["webhooks.d"], currentDirectory: workspace.path)
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
        #expect(set.declarations.count == 1)
    }

    /// libyaml's nesting limit is a syntax error at the spot it was reached (inside the first bracket), not a crash.
    @Test func deeplyNestedYAMLDoesNotCrash() throws {
        let depth = 5_000
        let yaml =
            validDeclaration + "\nheaders: [1️⃣" + String(repeating: "[", count: depth - 1)
            + String(repeating: "]", count: depth)
        try expectFinding(
            "yaml.syntax", in: yaml, message: "YAML nested too deeply: the YAML reader stops at its nesting limit")
        let set = try load(MarkedText(yaml))
        #expect(set.diagnostics.count == 1, "\(set.diagnostics)")
        #expect(set.declarations.isEmpty)
    }
}
