public import Foundation

/// Strict ISO 8601 timestamps (`2026-01-01T09:00:00Z`), read and written without locale,
/// calendar or formatter state, so that results are identical on every platform.
public enum UTCTimestamp {
    /// Parses `YYYY-MM-DDTHH:MM:SS`, an optional fraction of up to 9 digits, and `Z` or an offset
    /// `±HH:MM`; nil for anything else (including impossible dates such as February 30).
    public static func date(from text: String) -> Date? {
        date(utf8: Array(text.utf8)[...])
    }

    /// `date(from:)` for text given as UTF-8 bytes, e.g. a slice of a JSON document, so that a
    /// reader of many timestamps makes no `String` for them.
    public static func date(utf8 bytes: ArraySlice<UInt8>) -> Date? {
        bytes.withUnsafeBufferPointer { date(utf8: $0) }
    }

    /// `date(from:)` for text in memory the caller holds, e.g. a JSON reader's buffer: no slice
    /// of it is made, so reading a timestamp takes no reference count.
    public static func date(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        // `YYYY-MM-DDTHH:MM:SS` has every field at a fixed place: read there, without a cursor.
        guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let year = number(in: bytes, at: 0, digits: 4), let month = number(in: bytes, at: 5, digits: 2),
            let day = number(in: bytes, at: 8, digits: 2), let hour = number(in: bytes, at: 11, digits: 2),
            let minute = number(in: bytes, at: 14, digits: 2),
            let second = number(in: bytes, at: 17, digits: 2)
        else { return nil }
        var scanner = Scanner(bytes: bytes)
        scanner.index = 19
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second < 60
        else { return nil }

        var fraction = 0.0
        if scanner.skip(".") {
            var scale = 0.1
            var count = 0
            while let digit = scanner.digit() {
                fraction += Double(digit) * scale
                scale /= 10
                count += 1
            }
            guard (1...9).contains(count) else { return nil }
        }

        var offsetSeconds = 0
        if scanner.skip("Z") || scanner.skip("z") {
            offsetSeconds = 0
        } else if let sign = scanner.sign() {
            guard let offsetHours = scanner.digits(2) else { return nil }
            _ = scanner.skip(":")
            guard let offsetMinutes = scanner.digits(2), offsetHours < 24, offsetMinutes < 60 else {
                return nil
            }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        } else {
            return nil
        }
        guard scanner.isAtEnd else { return nil }

        let days = daysSince1970(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Formats a date in UTC as `YYYY-MM-DDTHH:MM:SSZ`, with milliseconds or microseconds only when
    /// the time has them (rounded to the microsecond).
    public static func string(from date: Date) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(27)
        append(date, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `string(from: date)` as UTF-8, without building a `String` (for bulk output).
    public static func append(_ date: Date, to bytes: inout [UInt8]) {
        let micro = (date.timeIntervalSince1970 * 1_000_000).rounded(.toNearestOrEven)
        guard micro.isFinite, abs(micro) < 9e18 else {
            bytes.append(contentsOf: "invalid-date".utf8)
            return
        }
        let (wholeSeconds, fraction) = floorDivide(Int64(micro), 1_000_000)
        let (days, secondOfDay) = floorDivide(wholeSeconds, 86_400)
        let (year, month, day) = civilDate(daysSince1970: Int(days))
        let time = Int(secondOfDay)
        // Composed on the stack and appended once: one capacity check per timestamp, not per digit
        // (a replay writes two per review). At most 32 bytes: |year| < 300,000 since |micro| < 9e18.
        if (0...9999).contains(year) {
            appendFourDigitYear(year, month, day, time, fraction: Int(fraction), to: &bytes)
            return
        }
        var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &storage) { buffer in
            var count = 0
            func put(_ byte: UInt8) {
                buffer[count] = byte
                count += 1
            }
            /// A non-negative number in decimal, zero-padded to `width` digits.
            func putDigits(_ value: Int, width: Int) {
                var digits = 1
                var rest = value / 10
                while rest > 0 {
                    digits += 1
                    rest /= 10
                }
                digits = max(digits, width)
                // From the last digit back: division by the constant 10 is a multiplication.
                rest = value
                for position in stride(from: count + digits - 1, through: count, by: -1) {
                    buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                count += digits
            }
            if year < 0 { put(UInt8(ascii: "-")) }
            putDigits(Int(year.magnitude), width: 4)
            put(UInt8(ascii: "-"))
            putDigits(month, width: 2)
            put(UInt8(ascii: "-"))
            putDigits(day, width: 2)
            put(UInt8(ascii: "T"))
            putDigits(time / 3600, width: 2)
            put(UInt8(ascii: ":"))
            putDigits(time / 60 % 60, width: 2)
            put(UInt8(ascii: ":"))
            putDigits(time % 60, width: 2)
            if fraction != 0 {
                put(UInt8(ascii: "."))
                if fraction % 1000 == 0 {
                    putDigits(Int(fraction / 1000), width: 3)
                } else {
                    putDigits(Int(fraction), width: 6)
                }
            }
            put(UInt8(ascii: "Z"))
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// `append` for years 0–9999 (all but the odd case), in straight-line code: every field at a
    /// fixed place, digits by division by constants.
    private static func appendFourDigitYear(
        _ year: Int, _ month: Int, _ day: Int, _ time: Int, fraction: Int, to bytes: inout [UInt8]
    ) {
        var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &storage) { buffer in
            func put(_ value: Int, digits: Int, at end: Int) {
                var rest = value
                for position in stride(from: end - 1, through: end - digits, by: -1) {
                    buffer[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                    rest /= 10
                }
            }
            put(year, digits: 4, at: 4)
            buffer[4] = UInt8(ascii: "-")
            put(month, digits: 2, at: 7)
            buffer[7] = UInt8(ascii: "-")
            put(day, digits: 2, at: 10)
            buffer[10] = UInt8(ascii: "T")
            put(time / 3600, digits: 2, at: 13)
            buffer[13] = UInt8(ascii: ":")
            put(time / 60 % 60, digits: 2, at: 16)
            buffer[16] = UInt8(ascii: ":")
            put(time % 60, digits: 2, at: 19)
            var count = 19
            if fraction != 0 {
                buffer[19] = UInt8(ascii: ".")
                if fraction % 1000 == 0 {
                    put(fraction / 1000, digits: 3, at: 23)
                    count = 23
                } else {
                    put(fraction, digits: 6, at: 26)
                    count = 26
                }
            }
            buffer[count] = UInt8(ascii: "Z")
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[...count]))
        }
    }

    /// The decimal number of `digits` digits at `start`, or nil if one is not a digit.
    @inline(__always)
    private static func number(in bytes: UnsafeBufferPointer<UInt8>, at start: Int, digits: Int) -> Int? {
        var value = 0
        var index = start
        while index < start + digits {
            // Bytes below '0' wrap around to large values: one comparison finds both sides.
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
            index += 1
        }
        return value
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    private static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's `days_from_civil`).
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysSince1970` (H. Hinnant's `civil_from_days`).
    static func civilDate(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
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

    /// A cursor over ASCII bytes.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index: Int

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            index = bytes.startIndex
        }

        var isAtEnd: Bool { index == bytes.endIndex }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.endIndex, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        mutating func digit() -> Int? {
            guard index < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
            else {
                return nil
            }
            defer { index += 1 }
            return Int(bytes[index] - UInt8(ascii: "0"))
        }

        mutating func digits(_ count: Int) -> Int? {
            var value = 0
            for _ in 0..<count {
                guard let digit = digit() else { return nil }
                value = value * 10 + digit
            }
            return value
        }

        mutating func sign() -> Int? {
            if skip("+") { return 1 }
            if skip("-") { return -1 }
            return nil
        }
    }
}
