import Foundation
public import JSON
public import WebhookModel

/// Renders diagnostics for people (text with the source line and a caret) and for machines (JSON, GitHub).
public struct DiagnosticPrinter {
    /// Reads a file's lines to show under a finding; injected so tests need no files.
    private let lines: (String) -> [Substring]?
    private var cache: [String: [Substring]] = [:]
    /// Where secrets are written in plain text (`DeclarationSet.sensitiveSpans`): a source line holding one is shown
    /// with `[redacted]` from that column on.
    private let sensitiveSpans: Set<SourceLocation>

    public init(
        lines: @escaping (String) -> [Substring]? = DiagnosticPrinter.readLines,
        hiding sensitiveSpans: Set<SourceLocation> = []
    ) {
        self.lines = lines
        self.sensitiveSpans = sensitiveSpans
    }

    /// What a source excerpt shows in place of a secret written in plain text.
    public static let hiddenSource = "[redacted]"

    public static func readLines(_ file: String) -> [Substring]? {
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        // "\r\n" is one Character: split on it too, or a CRLF file would be one line.
        return String(decoding: data, as: UTF8.self).split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }

    /// The widest source excerpt shown, in Unicode scalars: a longer line (a minified body, a file of one line) is
    /// shown as this much around the column, with `…` where it was cut.
    public static let excerptWidth = 120

    /// `text` for a terminal: a control character (a YAML key or value may hold an escape sequence or a line
    /// break, which would rewrite the screen or forge a finding's line) is shown as `\u{1B}`; a tab is kept.
    static func printable(_ text: some StringProtocol) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return String(text) }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out.append(contentsOf: escaped(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\t" && (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value))
    }

    /// `path:line:column: severity: message [code]`, the source line, a caret, then notes.
    public mutating func text(_ diagnostic: Diagnostic) -> String {
        var out = ""
        if let location = diagnostic.location { out += "\(location): " }
        out += "\(diagnostic.severity.rawValue): \(Self.printable(diagnostic.message)) [\(diagnostic.code)]\n"
        if let location = diagnostic.location, let line = sourceLine(location),
            !line.allSatisfy({ $0 == " " || $0 == "\t" })
        {
            let (shown, column) = Self.window(line, column: location.column)
            let gutter = String(location.line)
            let pad = String(repeating: " ", count: gutter.count)
            out += " \(gutter) | \(Self.printable(shown.replacingTabs))\n"
            out += " \(pad) | \(caretPadding(shown, column: column))^\n"
        }
        for note in diagnostic.notes {
            let noteLines = note.split(separator: "\n", omittingEmptySubsequences: false)
            out += "  = \(Self.printable(noteLines[0]))\n"
            for more in noteLines.dropFirst() { out += "      \(Self.printable(more))\n" }
        }
        return out
    }

    public mutating func text(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { text($0) }.joined()
    }

    /// A GitHub Actions workflow command that annotates the file in a pull request.
    public static func github(_ diagnostic: Diagnostic) -> String {
        let command = diagnostic.severity == .error ? "error" : diagnostic.severity == .warning ? "warning" : "notice"
        var properties: [String] = []
        if let location = diagnostic.location {
            properties += ["file=\(escapeProperty(location.file))", "line=\(location.line)", "col=\(location.column)"]
        }
        properties.append("title=\(escapeProperty("hookctl \(diagnostic.code)"))")
        let message = ([diagnostic.message] + diagnostic.notes).joined(separator: "\n")
        return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))\n"
    }

    /// A JSON object per finding, for `--format json`.
    public static func jsonObject(_ diagnostic: Diagnostic) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("severity", .string(diagnostic.severity.rawValue)), ("code", .string(diagnostic.code)),
            ("message", .string(diagnostic.message)), ("notes", .array(diagnostic.notes.map(JSONValue.string))),
        ]
        if let location = diagnostic.location {
            members += [
                ("file", .string(location.file)), ("line", .number(Double(location.line))),
                ("column", .number(Double(location.column))),
            ]
        }
        return .object(JSONObject(members: members))
    }

    private mutating func sourceLine(_ location: SourceLocation) -> Substring? {
        if cache[location.file] == nil { cache[location.file] = lines(location.file) ?? [] }
        guard let all = cache[location.file], location.line >= 1, location.line <= all.count else { return nil }
        var line = all[location.line - 1]
        if line.hasSuffix("\r") { line = line.dropLast() }
        let hiddenFrom = sensitiveSpans.filter { $0.file == location.file && $0.line == location.line }.map(\.column)
            .min()
        guard let column = hiddenFrom, column >= 1 else { return line }
        let kept = String(String.UnicodeScalarView(line.unicodeScalars.prefix(column - 1)))
        return Substring(kept + Self.hiddenSource)
    }

    /// At most `excerptWidth` scalars of `line` around `column` (`…` marking each cut), and the column in them.
    static func window(_ line: Substring, column: Int) -> (shown: Substring, column: Int) {
        let scalars = line.unicodeScalars
        guard scalars.count > excerptWidth else { return (line, column) }
        let start = max(0, min(column - 1 - excerptWidth / 2, scalars.count - excerptWidth))
        let from = scalars.index(scalars.startIndex, offsetBy: start)
        let to = scalars.index(from, offsetBy: excerptWidth)
        var shown = String.UnicodeScalarView()
        if start > 0 { shown.append("…") }
        shown.append(contentsOf: scalars[from..<to])
        if to < scalars.endIndex { shown.append("…") }
        return (Substring(String(shown)), column - start + (start > 0 ? 1 : 0))
    }

    /// Spaces (and tabs, kept as tabs) up to `column`, counted in Unicode scalars as libyaml counts; a control
    /// character takes the width `printable` shows it in.
    private func caretPadding(_ line: Substring, column: Int) -> String {
        var padding = ""
        for (index, scalar) in line.unicodeScalars.enumerated() where index < column - 1 {
            let width = scalar == "\t" ? 4 : Self.isControl(scalar) ? Self.escaped(scalar).utf8.count : 1
            padding += String(repeating: " ", count: width)
        }
        return padding
    }

    private static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

extension Substring {
    fileprivate var replacingTabs: String { replacingOccurrences(of: "\t", with: "    ") }
}
