import Handlebars
import Testing

/// JavaScript `Number#toString` layout (also covered against handlebars.js in the conformance suite).
@Suite struct NumberFormattingTests {
    static let cases: [(Double, String)] = [
        (0, "0"), (-0.0, "0"), (100, "100"), (1.5, "1.5"), (-1.5, "-1.5"), (0.1, "0.1"),
        (1696263265.851898, "1696263265.851898"), (1e21, "1e+21"), (1.5e21, "1.5e+21"), (1e20, "100000000000000000000"),
        (1.2345678901234568e20, "123456789012345680000"), (1e-6, "0.000001"), (1e-7, "1e-7"), (1.5e-7, "1.5e-7"),
        (9_007_199_254_740_992, "9007199254740992"), (.leastNonzeroMagnitude, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
        (.nan, "NaN"), (.infinity, "Infinity"), (-.infinity, "-Infinity"), (-1e-7, "-1e-7"),
        (0.000001234, "0.000001234"),
    ]

    @Test(arguments: 0..<cases.count)
    func printsLikeJavaScript(_ index: Int) throws {
        let (number, expected) = Self.cases[index]
        let rendered = try Template("{{n}}", escape: .none).renderString(["n": .number(number)])
        #expect(rendered == expected)
    }
}
