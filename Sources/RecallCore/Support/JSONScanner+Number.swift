#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

extension JSONScanner {
    /// Reads a number (RFC 8259's grammar: no leading zeros, '+', bare '.' or hexadecimal).
    ///
    /// Numbers of up to 15 significant digits with a small exponent are converted exactly with one
    /// multiplication or division (Clinger's fast path: both operands are exact doubles, so the
    /// one rounding is the correct one); others go through the standard library's parser.
    public mutating func number() throws(Failure) -> Double {
        let token = try numberToken()
        return try value(of: token)
    }

    /// Reads a number whose value is not needed, checking what `number()` checks: its grammar, and
    /// that it is within a `Double`'s range (converting it only when it might not be).
    public mutating func skipNumber() throws(Failure) {
        let token = try numberToken()
        // The value is below 10^(digits + exponent): far from overflowing unless that is large.
        if token.digits + token.exponent > 300 { _ = try value(of: token) }
    }

    /// A number's parts: its sign, first 19 significant digits, how many there are, and the
    /// power of ten they are multiplied by.
    private struct NumberToken {
        var start: Int
        var end: Int
        var isNegative: Bool
        var mantissa: UInt64
        var digits: Int
        var exponent: Int
    }

    private mutating func numberToken() throws(Failure) -> NumberToken {
        let start = offset
        let isNegative = skip(UInt8(ascii: "-"))
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        if skip(UInt8(ascii: "0")) {
            // A leading zero stands alone.
        } else {
            let count = accumulateDigits(into: &mantissa, digits: &digits)
            guard count > 0 else { throw failure(.expectedDigit(.whole), start: start) }
        }
        if skip(UInt8(ascii: ".")) {
            let count = accumulateDigits(into: &mantissa, digits: &digits)
            guard count > 0 else { throw failure(.expectedDigit(.fraction), start: start) }
            exponent -= count
        }
        if skip(UInt8(ascii: "e")) || skip(UInt8(ascii: "E")) {
            let isNegativeExponent = skip(UInt8(ascii: "-"))
            if !isNegativeExponent { _ = skip(UInt8(ascii: "+")) }
            var written = 0
            var count = 0
            while let byte = next, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                if written < 100_000 { written = written * 10 + Int(byte - UInt8(ascii: "0")) }
                offset += 1
                count += 1
            }
            guard count > 0 else { throw failure(.expectedDigit(.exponent), start: start) }
            exponent += isNegativeExponent ? -written : written
        }
        return NumberToken(
            start: start, end: offset, isNegative: isNegative, mantissa: mantissa, digits: digits,
            exponent: exponent)
    }

    private func value(of token: NumberToken) throws(Failure) -> Double {
        let (start, isNegative, mantissa, digits, exponent) = (
            token.start, token.isNegative, token.mantissa, token.digits, token.exponent
        )
        if digits <= 15, (-22...22).contains(exponent) {
            var value = Double(mantissa)
            if exponent > 0 {
                value *= Self.powersOfTen[exponent]
            } else if exponent < 0 {
                value /= Self.powersOfTen[-exponent]
            }
            return isNegative ? -value : value
        }
        guard let value = Self.parse(bytes, start..<token.end), value.isFinite else {
            throw Failure(.numberOutOfRange, at: start)
        }
        return value
    }

    /// A number token that the fast path cannot convert exactly, correctly rounded: by `strtod`
    /// in place when a byte follows the token (where `strtod` stops), else from a copy.
    private static func parse(_ bytes: [UInt8], _ token: Range<Int>) -> Double? {
        if token.upperBound < bytes.count {
            let value = bytes.withUnsafeBytes { buffer -> Double? in
                guard let base = buffer.baseAddress else { return nil }
                let text = (base + token.lowerBound).assumingMemoryBound(to: CChar.self)
                var end: UnsafeMutablePointer<CChar>?
                let value = strtod(text, &end)
                // strtod reads a longer number than JSON's only from bytes JSON has already refused
                // (`0x…`); then the end differs and the copy decides.
                guard let end, UnsafeRawPointer(end) == base + token.upperBound else { return nil }
                return value
            }
            if let value { return value }
        }
        return Double(String(decoding: bytes[token], as: UTF8.self))
    }

    /// Reads a run of decimal digits into `mantissa`, counting significant digits (leading zeros
    /// are not); past 19 it only counts. Returns how many digits it read.
    private mutating func accumulateDigits(into mantissa: inout UInt64, digits: inout Int) -> Int {
        let start = offset
        var value = mantissa
        var count = digits
        let end = bytes.withUnsafeBufferPointer { buffer in
            var index = start
            if value == 0 {
                while index < buffer.count, buffer[index] == UInt8(ascii: "0") { index += 1 }
            }
            // Eight digits at a time while they fit the 19 kept.
            if let base = buffer.baseAddress {
                while index + 8 <= buffer.count, count + 8 <= 19,
                    let eight = DecimalDigits.eight(
                        UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self).littleEndian)
                {
                    value = value &* 100_000_000 &+ eight
                    count += 8
                    index += 8
                }
            }
            while index < buffer.count {
                let digit = buffer[index] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                count += 1
                if count <= 19 { value = value &* 10 &+ UInt64(digit) }
                index += 1
            }
            return index
        }
        mantissa = value
        digits = count
        offset = end
        return end - start
    }

    /// 10⁰ … 10²², every one an exact `Double`.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
