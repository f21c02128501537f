/// UTC calendar periods for cost budgets: the day and the month an instant falls in.
public enum BudgetPeriod: String, Sendable, CaseIterable, Equatable {
    /// The UTC day, `[00:00, 24:00)`.
    case day
    /// The UTC calendar month.
    case month

    private static let dayMilliseconds: Int64 = 86_400_000

    /// The start (epoch ms, inclusive) of the period holding `instant`.
    public func start(containing instant: Int64) -> Int64 {
        let day = Self.floorDivide(instant, Self.dayMilliseconds)
        switch self {
        case .day:
            return day * Self.dayMilliseconds
        case .month:
            let (year, month, _) = Self.civil(fromDays: day)
            return Self.days(year: year, month: month, day: 1) * Self.dayMilliseconds
        }
    }

    /// The end (epoch ms, exclusive) of the period holding `instant`.
    public func end(containing instant: Int64) -> Int64 {
        let start = start(containing: instant)
        switch self {
        case .day:
            return start + Self.dayMilliseconds
        case .month:
            let (year, month, _) = Self.civil(fromDays: start / Self.dayMilliseconds)
            let next = month == 12 ? (year + 1, 1) : (year, month + 1)
            return Self.days(year: next.0, month: next.1, day: 1) * Self.dayMilliseconds
        }
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, `days_from_civil`).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day count since 1970-01-01 (H. Hinnant, `civil_from_days`).
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
