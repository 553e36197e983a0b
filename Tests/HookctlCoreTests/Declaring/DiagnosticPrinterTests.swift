import Foundation
import HookctlCore
import Testing
import WebhookModel

/// A finding's text for a terminal: whatever the file holds, it is a few readable lines with the caret in place.
@Suite struct DiagnosticPrinterTests {
    func printed(_ line: String, column: Int, message: String = "bad value", notes: [String] = []) -> String {
        var printer = DiagnosticPrinter(lines: { _ in [Substring(line)] })
        let location = SourceLocation(file: "w.yaml", line: 1, column: column)
        return printer.text(Diagnostic(.error, "config.type", message, at: location, notes: notes))
    }

    @Test func aLongLineIsShownAroundTheColumn() {
        let line = String(repeating: "a", count: 5_000) + "X" + String(repeating: "b", count: 5_000)
        let lines = printed(line, column: 5_001).split(separator: "\n")
        #expect(lines.count == 3)
        let shown = String(lines[1].dropFirst(" 1 | ".count))
        #expect(shown.hasPrefix("…") && shown.hasSuffix("…"))
        #expect(shown.unicodeScalars.count == DiagnosticPrinter.excerptWidth + 2)
        let caret = lines[2].dropFirst(" 1 | ".count)
        #expect(shown.unicodeScalars.map(String.init)[caret.count - 1] == "X", "the caret is under the column")
        // Near an end, only the other end is cut.
        let start = printed(line, column: 3).split(separator: "\n")
        #expect(start[1].hasPrefix(" 1 | aaa") && start[1].hasSuffix("…"))
        #expect(start[2] == "   |   ^")
    }

    @Test func controlCharactersAreShownNotSent() {
        let text = printed(
            "\u{1B}]0;pwned\u{07}: 1", column: 1, message: "unknown key \"\u{1B}[2J\nw.yaml:9:9: error: forged\"",
            notes: ["did you mean \u{1B}[31mname?"])
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(text.contains(#"unknown key "\u{1B}[2J\u{A}w.yaml:9:9: error: forged""#), "\(text)")
        #expect(text.contains(#" 1 | \u{1B}]0;pwned\u{7}: 1"#), "\(text)")
        #expect(text.contains(#"  = did you mean \u{1B}[31mname?"#))
        #expect(text.split(separator: "\n").count == 4, "no line forged")
        // The caret stays under its column past a control character, shown wider.
        let caret = printed("k\u{1B}: v", column: 5).split(separator: "\n")
        #expect(caret[1] == #" 1 | k\u{1B}: v"#)
        #expect(caret[2] == "   |          ^")
    }

    @Test func aCRLFFileHasItsLinesShown() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("crlf-\(UUID().uuidString).yaml")
        try Data("name: a\r\nmethod: POSTX\r\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let lines = try #require(DiagnosticPrinter.readLines(file.path))
        #expect(lines.count == 3)
        var printer = DiagnosticPrinter()
        let text = printer.text(
            Diagnostic(.error, "method.value", "bad method", at: SourceLocation(file: file.path, line: 2, column: 9)))
        #expect(text.contains(" 2 | method: POSTX\n   |         ^\n"), "\(text)")
    }
}
