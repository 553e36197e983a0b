public import JSON

/// A render that remembers which part of the template wrote each byte, so a problem in the output (a trailing comma,
/// an unquoted string) can be traced back to the template.
public struct TracedRender: Sendable {
    /// The rendered bytes, the same as ``Template/render(_:limits:)`` returns.
    public let bytes: [UInt8]
    let trace: [TraceMark]
    let code: CompiledTemplate

    /// The template position that wrote the output byte at `offset`: the mustache for a value, the exact character
    /// for static text; `nil` past the end.
    public func position(ofByte offset: Int) -> SourcePosition? {
        guard offset >= 0, offset < bytes.count,
            let markIndex = trace.lastIndex(where: { $0.output <= offset })
        else { return nil }
        switch trace[markIndex] {
        case .expression(_, let position):
            return position
        case .text(let output, let textStart):
            let byte = textStart + (offset - output)
            guard let origin = code.textOrigins.last(where: { $0.offset <= byte }) else { return nil }
            var position = origin.position
            for index in origin.offset..<byte {
                let current = code.text[index]
                if current == UInt8(ascii: "\n") {
                    position = SourcePosition(line: position.line + 1, column: 1)
                } else if current & 0xC0 != 0x80 {
                    position.column += 1
                }
            }
            return position
        }
    }
}

extension TracedRender {
    /// The first mustache or block that started writing within `range` of the output, e.g. the tag that wrote
    /// nothing where a JSON value belonged.
    public func firstTag(startingIn range: ClosedRange<Int>) -> SourcePosition? {
        for mark in trace where range.contains(mark.output) {
            if case .expression(_, let position) = mark { return position }
        }
        return nil
    }
}

extension Template {
    /// Renders like ``render(_:limits:)`` and keeps a map from output bytes back to template positions. Slower than
    /// `render`; for diagnostics, not for delivery.
    public func renderTraced(
        _ context: JSONValue, limits: RenderLimits = .default
    ) throws(TemplateError) -> TracedRender {
        let (output, trace) = try Renderer.renderTraced(code, context, limits: limits)
        return TracedRender(bytes: output, trace: trace, code: code)
    }
}

extension AST.Content {
    /// Where the output text starts in the template: whitespace control and standalone lines may have removed
    /// leading whitespace from `original`.
    var valuePosition: SourcePosition {
        guard value != original, let range = original.firstRange(of: value) else { return position }
        var position = position
        for scalar in original[..<range.lowerBound].unicodeScalars {
            if scalar == "\n" {
                position = SourcePosition(line: position.line + 1, column: 1)
            } else {
                position.column += 1
            }
        }
        return position
    }
}
