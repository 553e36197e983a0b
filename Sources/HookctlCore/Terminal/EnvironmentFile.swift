import Foundation
import WebhookModel

/// `--env-file FILE`: `NAME=value` lines that `${env:NAME}` references (and `HOOKCTL_*` settings) can read, as
/// docker compose reads a `.env` file. The process environment wins over a file, so CI can override any value.
///
/// Accepted: blank lines, `# comments`, an optional `export ` prefix, and values bare or in single or double quotes
/// (no interpolation; in double quotes `\n`, `\"` and `\\` are escapes).
public enum EnvironmentFile {
    /// Why an environment file cannot be used, at `file:line`.
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public static func parse(_ text: String, file: String) throws(Problem) -> [String: String] {
        var values: [String: String] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            line = line.drop { $0 == " " || $0 == "\t" }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = line.dropFirst("export ".count).drop { $0 == " " } }
            let at = "\(file):\(index + 1)"
            guard let equals = line.firstIndex(of: "=") else {
                throw Problem(description: "\(at): expected NAME=value")
            }
            let name = String(line[..<equals]).trimmingCharacters(in: .whitespaces)
            guard let first = name.unicodeScalars.first, !("0"..."9").contains(first),
                name.unicodeScalars.allSatisfy({
                    $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic)
                        || ("0"..."9").contains($0)
                })
            else {
                throw Problem(description: "\(at): \"\(name)\" is not a variable name (letters, digits and _)")
            }
            values[name] = try value(line[line.index(after: equals)...], at: at)
        }
        return values
    }

    private static func value(_ raw: Substring, at: String) throws(Problem) -> String {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard let quote = text.first, quote == "\"" || quote == "'" else {
            // A bare value ends at an unquoted " #" comment.
            if let comment = text.range(of: " #") {
                return String(text[..<comment.lowerBound]).trimmingCharacters(in: .whitespaces)
            }
            return text
        }
        guard text.count >= 2, text.last == quote else {
            throw Problem(description: "\(at): unterminated \(quote) quote")
        }
        let inner = text.dropFirst().dropLast()
        guard quote == "\"" else { return String(inner) }
        var result = ""
        var escaped = false
        for character in inner {
            if escaped {
                result.append(character == "n" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}

extension Terminal {
    /// This terminal with the given environment files merged under its environment, or `nil` after printing why a
    /// file cannot be used.
    func addingEnvironmentFiles(_ paths: [String], currentDirectory: String) -> Terminal? {
        var merged: [String: String] = [:]
        for path in paths {
            let absolute = AbsolutePath.resolve(path, against: currentDirectory)
            guard let data = FileManager.default.contents(atPath: absolute) else {
                err.write("error: --env-file \(path): cannot read the file\n")
                return nil
            }
            do {
                merged.merge(try EnvironmentFile.parse(String(decoding: data, as: UTF8.self), file: path)) { $1 }
            } catch {
                err.write("error: --env-file \(error)\n")
                return nil
            }
        }
        var terminal = self
        terminal.environment = merged.merging(environment) { _, process in process }
        return terminal
    }
}
