import JSON

/// The `date` helper: epoch seconds (with fraction) to ISO 8601 UTC, Unix time, or a strftime pattern.
enum DateHelper {
    static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    static func format(_ value: JSONValue, pattern: JSONValue?) throws(HelperError) -> JSONValue {
        let seconds: Double
        switch value {
        case .null: return .null
        case .number(let number): seconds = number
        default: throw HelperError("expects epoch seconds (a number), got \(value.kindDescription)")
        }
        // JavaScript's Date truncates fractional milliseconds toward zero (as `Int64(_:)` does).
        let scaled = seconds * 1000
        guard scaled.isFinite, scaled.magnitude <= 8.64e15 else {
            throw HelperError("\(value.jsonText) seconds is outside the representable date range")
        }
        let milliseconds = Int64(scaled)
        let date = UTCDateTime(epochMilliseconds: milliseconds)
        switch pattern {
        case nil, .null?:
            guard (0...9999).contains(date.year) else {
                throw HelperError("year \(date.year) cannot be written as ISO 8601")
            }
            return .string(render("%Y-%m-%dT%H:%M:%S.%LZ", date))
        case .string("unix")?:
            return .number(Double(Self.floorDivide(milliseconds, 1000)))
        case .string("unix_ms")?:
            return .number(Double(milliseconds))
        case .string(let pattern)?:
            return .string(try strftime(pattern, date))
        case let other?:
            throw HelperError("format must be a string, got \(other.kindDescription)")
        }
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    private static func render(_ pattern: String, _ date: UTCDateTime) -> String {
        (try? strftime(pattern, date)) ?? ""
    }

    /// `%Y %y %m %d %e %H %I %M %S %L %p %j %a %A %b %B %u %w %s %Z %z %F %T %%`.
    static func strftime(_ pattern: String, _ date: UTCDateTime) throws(HelperError) -> String {
        var output = ""
        var scalars = pattern.unicodeScalars.makeIterator()
        func pad(_ value: Int, _ width: Int, _ fill: Character = "0") -> String {
            let digits = String(value.magnitude)
            let sign = value < 0 ? "-" : ""
            return sign + String(repeating: fill, count: max(0, width - digits.count)) + digits
        }
        while let scalar = scalars.next() {
            guard scalar == "%" else {
                output.unicodeScalars.append(scalar)
                continue
            }
            guard let directive = scalars.next() else { throw HelperError("pattern ends with a lone '%'") }
            switch directive {
            case "Y": output += pad(date.year, 4)
            case "y": output += pad(((date.year % 100) + 100) % 100, 2)
            case "m": output += pad(date.month, 2)
            case "d": output += pad(date.day, 2)
            case "e": output += pad(date.day, 2, " ")
            case "H": output += pad(date.hour, 2)
            case "I": output += pad(date.hour % 12 == 0 ? 12 : date.hour % 12, 2)
            case "M": output += pad(date.minute, 2)
            case "S": output += pad(date.second, 2)
            case "L": output += pad(date.millisecond, 3)
            case "p": output += date.hour < 12 ? "AM" : "PM"
            case "j": output += pad(date.dayOfYear, 3)
            case "a": output += weekdayNames[date.weekday].prefix(3)
            case "A": output += weekdayNames[date.weekday]
            case "b": output += monthNames[date.month - 1].prefix(3)
            case "B": output += monthNames[date.month - 1]
            case "u": output += String(date.weekday == 0 ? 7 : date.weekday)
            case "w": output += String(date.weekday)
            case "s": output += String(floorDivide(date.epochMilliseconds, 1000))
            case "Z": output += "UTC"
            case "z": output += "+0000"
            case "F": output += "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))"
            case "T": output += "\(pad(date.hour, 2)):\(pad(date.minute, 2)):\(pad(date.second, 2))"
            case "%": output += "%"
            default: throw HelperError("unknown date directive '%\(directive)'")
            }
        }
        return output
    }
}
