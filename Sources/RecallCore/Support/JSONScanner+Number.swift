#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

extension JSONScanner {
    /// Reads a number (RFC 8259's grammar: no leading zeros, '+', bare '.' or hexadecimal),
    /// correctly rounded (see `value(of:in:)`).
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
    struct NumberToken {
        var start: Int
        var end: Int
        var isNegative: Bool
        var mantissa: UInt64
        var digits: Int
        var exponent: Int
    }

    /// A number token read, or what is wrong with it and where reading stopped.
    enum NumberRead {
        case token(NumberToken)
        case problem(Failure.Problem, at: Int)
    }

    private mutating func numberToken() throws(Failure) -> NumberToken {
        let start = offset
        switch bytes.withUnsafeBytes({ Self.numberToken(in: $0, at: start) }) {
        case .token(let token):
            offset = token.end
            return token
        case .problem(let problem, let at):
            offset = at
            throw failure(problem, start: start)
        }
    }

    private func value(of token: NumberToken) throws(Failure) -> Double {
        guard let value = bytes.withUnsafeBytes({ Self.value(of: token, in: $0) }) else {
            throw Failure(.numberOutOfRange, at: token.start)
        }
        return value
    }

    /// Reads a number token at `start` of `buffer` by JSON's grammar: the one reading of numbers,
    /// for the scanner and for the snapshot's fast reader.
    static func numberToken(in buffer: UnsafeRawBufferPointer, at start: Int) -> NumberRead {
        var index = start
        func skip(_ byte: UInt8) -> Bool {
            guard index < buffer.count, buffer[index] == byte else { return false }
            index += 1
            return true
        }
        let isNegative = skip(UInt8(ascii: "-"))
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        if skip(UInt8(ascii: "0")) {
            // A leading zero stands alone.
        } else {
            let count = accumulateDigits(buffer, at: &index, into: &mantissa, digits: &digits)
            guard count > 0 else { return .problem(.expectedDigit(.whole), at: index) }
        }
        if skip(UInt8(ascii: ".")) {
            let count = accumulateDigits(buffer, at: &index, into: &mantissa, digits: &digits)
            guard count > 0 else { return .problem(.expectedDigit(.fraction), at: index) }
            exponent -= count
        }
        if skip(UInt8(ascii: "e")) || skip(UInt8(ascii: "E")) {
            let isNegativeExponent = skip(UInt8(ascii: "-"))
            if !isNegativeExponent { _ = skip(UInt8(ascii: "+")) }
            var written = 0
            var count = 0
            while index < buffer.count, buffer[index] >= UInt8(ascii: "0"), buffer[index] <= UInt8(ascii: "9")
            {
                if written < 100_000 { written = written * 10 + Int(buffer[index] - UInt8(ascii: "0")) }
                index += 1
                count += 1
            }
            guard count > 0 else { return .problem(.expectedDigit(.exponent), at: index) }
            exponent += isNegativeExponent ? -written : written
        }
        return .token(
            NumberToken(
                start: start, end: index, isNegative: isNegative, mantissa: mantissa, digits: digits,
                exponent: exponent))
    }

    /// The value of a token of `buffer`, correctly rounded, or nil if it is beyond a `Double`.
    ///
    /// Numbers of up to 15 significant digits with a small exponent are converted exactly with one
    /// multiplication or division (Clinger's fast path); others by `strtod`.
    static func value(of token: NumberToken, in buffer: UnsafeRawBufferPointer) -> Double? {
        if token.digits <= 15, (-22...22).contains(token.exponent) {
            var value = Double(token.mantissa)
            if token.exponent > 0 {
                value *= powerOfTen(token.exponent)
            } else if token.exponent < 0 {
                value /= powerOfTen(-token.exponent)
            }
            return token.isNegative ? -value : value
        }
        guard let value = parse(buffer, token.start..<token.end), value.isFinite else { return nil }
        return value
    }

    /// A number token that the fast path cannot convert exactly, correctly rounded: by `strtod`
    /// in place when a byte follows the token (where `strtod` stops), else from a copy.
    private static func parse(_ buffer: UnsafeRawBufferPointer, _ token: Range<Int>) -> Double? {
        if token.upperBound < buffer.count, let base = buffer.baseAddress {
            let text = (base + token.lowerBound).assumingMemoryBound(to: CChar.self)
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(text, &end)
            // strtod reads a longer number than JSON's only from bytes JSON has already refused
            // (`0x…`); then the end differs and the copy decides.
            if let end, UnsafeRawPointer(end) == base + token.upperBound { return value }
        }
        return Double(String(decoding: buffer[token], as: UTF8.self))
    }

    /// Reads a run of decimal digits from `index` into `mantissa`, counting significant digits
    /// (leading zeros are not); past 19 it only counts. Returns how many digits it read.
    private static func accumulateDigits(
        _ buffer: UnsafeRawBufferPointer, at index: inout Int, into mantissa: inout UInt64, digits: inout Int
    ) -> Int {
        let start = index
        var value = mantissa
        var count = digits
        if value == 0 {
            while index < buffer.count, buffer[index] == UInt8(ascii: "0") { index += 1 }
        }
        // Eight digits at a time while they fit the 19 kept.
        if let base = buffer.baseAddress {
            while index + 8 <= buffer.count, count + 8 <= 19,
                let eight = DecimalDigits.eight(
                    base.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian)
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
        mantissa = value
        digits = count
        return index - start
    }

    /// 10ⁿ for n in 0...22, every one an exact `Double` (a switch of constants: no table to
    /// initialise or bounds to check on the path of every number).
    private static func powerOfTen(_ exponent: Int) -> Double {
        switch exponent {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }
}
