/// A UTC calendar date and time from epoch milliseconds (proleptic Gregorian, as JavaScript's `Date`).
struct UTCDateTime: Sendable, Equatable {
    var year: Int
    var month: Int  // 1...12
    var day: Int  // 1...31
    var hour: Int
    var minute: Int
    var second: Int
    var millisecond: Int
    /// 0 = Sunday … 6 = Saturday.
    var weekday: Int
    /// 1...366.
    var dayOfYear: Int
    var epochMilliseconds: Int64

    init(epochMilliseconds: Int64) {
        self.epochMilliseconds = epochMilliseconds
        let msPerDay: Int64 = 86_400_000
        var days = epochMilliseconds / msPerDay
        var remainder = epochMilliseconds % msPerDay
        if remainder < 0 {
            remainder += msPerDay
            days -= 1
        }
        let dayNumber = Int(days)
        (year, month, day) = Self.civil(fromDays: dayNumber)
        let milliseconds = Int(remainder)
        hour = milliseconds / 3_600_000
        minute = milliseconds / 60_000 % 60
        second = milliseconds / 1000 % 60
        millisecond = milliseconds % 1000
        weekday = ((dayNumber % 7) + 11) % 7  // 1970-01-01 was a Thursday (4)
        dayOfYear = dayNumber - Self.days(fromCivil: year, 1, 1) + 1
    }

    /// Howard Hinnant's `civil_from_days`.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Howard Hinnant's `days_from_civil`.
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
