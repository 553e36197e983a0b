/// Durations as written in declarations: `10s`, `1500ms`, `5m`, `2h`, `1d`, or combined like `1h30m`.
public enum DurationText {
    static let units: [(suffix: String, milliseconds: Int64)] = [
        ("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000),
    ]

    /// The accepted forms, for error messages.
    public static let acceptedForms =
        "a whole number with a unit ms, s, m, h or d, e.g. 10s, 1500ms, 5m, 1h30m (units largest first, each once)"

    /// Parses a duration; `nil` if `text` is not one of the accepted forms: each part a whole number without a
    /// leading zero (`0s` aside) and a unit, the units largest first and each once (`1h30m`, not `30m1h` or `1s1s`).
    public static func parse(_ text: String) -> Duration? {
        var scalars = Substring(text).unicodeScalars[...]
        guard !scalars.isEmpty else { return nil }
        var total: Int64 = 0
        var smallestSoFar = units.count
        while !scalars.isEmpty {
            let digits = scalars.prefix { ("0"..."9").contains($0) }
            guard !digits.isEmpty, digits.count <= 9, digits.count == 1 || digits.first != "0",
                let number = Int64(String(String.UnicodeScalarView(digits)))
            else {
                return nil
            }
            scalars = scalars.dropFirst(digits.count)
            let unitText = String(String.UnicodeScalarView(scalars.prefix { !("0"..."9").contains($0) }))
            guard let index = units.firstIndex(where: { $0.suffix == unitText }), index < smallestSoFar else {
                return nil
            }
            smallestSoFar = index
            let unit = units[index]
            scalars = scalars.dropFirst(unitText.unicodeScalars.count)
            let (product, overflow) = number.multipliedReportingOverflow(by: unit.milliseconds)
            guard !overflow, total <= Int64.max - product else { return nil }
            total += product
        }
        return .milliseconds(total)
    }

    /// The canonical text for a duration: `90s` → `1m30s`; below a minute, fractions as `1500ms`.
    public static func format(_ duration: Duration) -> String {
        let ms = duration.milliseconds
        if ms == 0 { return "0s" }
        let sign = ms < 0 ? "-" : ""
        var rest = ms.magnitude
        if rest % 1_000 != 0 && rest < 60_000 { return "\(sign)\(rest)ms" }
        var text = sign
        for unit in units.reversed() where rest >= unit.milliseconds {
            text += "\(rest / UInt64(unit.milliseconds))\(unit.suffix)"
            rest %= UInt64(unit.milliseconds)
        }
        return text
    }
}
