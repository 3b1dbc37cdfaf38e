import Foundation

/// A number the training model computes with: `Double` for evaluation, `Dual` for gradients.
///
/// The FSRS formulas are written once, generically, so that the loss and its gradient come
/// from the same code and cannot drift apart.
protocol ModelScalar: Sendable {
    init(_ constant: Double)
    var value: Double { get }
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static func / (a: Self, b: Self) -> Self
    static func + (a: Self, b: Double) -> Self
    static func * (a: Self, b: Double) -> Self
    /// e raised to this number.
    func exponential() -> Self
    /// The natural logarithm (the number must be positive).
    func logarithm() -> Self
    /// This number (positive) raised to `exponent`.
    func raised(to exponent: Self) -> Self
}

extension ModelScalar {
    /// Clamped to `lower…upper`; the derivative is zero where the bound applies.
    func clamped(_ lower: Double, _ upper: Double) -> Self {
        if value < lower { return Self(lower) }
        if value > upper { return Self(upper) }
        return self
    }

    static func minimum(_ a: Self, _ b: Self) -> Self { b.value < a.value ? b : a }
    static func maximum(_ a: Self, _ b: Self) -> Self { b.value > a.value ? b : a }
}

extension Double: ModelScalar {
    var value: Double { self }
    func exponential() -> Double { Foundation.exp(self) }
    func logarithm() -> Double { Foundation.log(self) }
    func raised(to exponent: Double) -> Double { Foundation.pow(self, exponent) }
}

/// A forward-mode dual number: a value and its partial derivatives with respect to the 21 FSRS
/// parameters (lanes 21…23 stay zero), so the gradient is exact, not a finite difference.
struct Dual: ModelScalar {
    typealias Gradient = DualGradient

    var value: Double
    var gradient: Gradient

    @inline(__always) init(_ constant: Double) {
        value = constant
        gradient = .zero
    }

    @inline(__always) init(value: Double, gradient: Gradient) {
        self.value = value
        self.gradient = gradient
    }

    /// The parameter `index` itself: derivative 1 with respect to itself, 0 to the others.
    @inline(__always) static func parameter(_ value: Double, index: Int) -> Dual {
        var gradient = Gradient.zero
        gradient[index] = 1
        return Dual(value: value, gradient: gradient)
    }

    @inline(__always) static func + (a: Dual, b: Dual) -> Dual {
        Dual(value: a.value + b.value, gradient: a.gradient + b.gradient)
    }

    @inline(__always) static func - (a: Dual, b: Dual) -> Dual {
        Dual(value: a.value - b.value, gradient: a.gradient - b.gradient)
    }

    @inline(__always) static func * (a: Dual, b: Dual) -> Dual {
        Dual(value: a.value * b.value, gradient: a.gradient * b.value + b.gradient * a.value)
    }

    @inline(__always) static func / (a: Dual, b: Dual) -> Dual {
        let quotient = a.value / b.value
        return Dual(value: quotient, gradient: (a.gradient - b.gradient * quotient) / b.value)
    }

    @inline(__always) static func + (a: Dual, b: Double) -> Dual {
        Dual(value: a.value + b, gradient: a.gradient)
    }

    @inline(__always) static func * (a: Dual, b: Double) -> Dual {
        Dual(value: a.value * b, gradient: a.gradient * b)
    }

    @inline(__always) func exponential() -> Dual {
        let result = Foundation.exp(value)
        return Dual(value: result, gradient: gradient * result)
    }

    @inline(__always) func logarithm() -> Dual {
        Dual(value: Foundation.log(value), gradient: gradient / value)
    }

    @inline(__always) func raised(to exponent: Dual) -> Dual {
        // e^(y·ln x): one logarithm and one exponential instead of pow and a logarithm.
        let logBase = Foundation.log(value)
        let result = Foundation.exp(exponent.value * logBase)
        return Dual(
            value: result,
            gradient: (exponent.gradient * logBase + gradient * (exponent.value / value)) * result)
    }
}

/// The 21 partial derivatives of a `Dual` in three 8-lane vectors (lanes 21…23 unused).
///
/// Three `SIMD8<Double>` rather than one `SIMD32<Double>`: the wide type's scalar broadcasts
/// compiled to lane-by-lane loops, which made training several times slower.
struct DualGradient: Sendable, Equatable {
    var low: SIMD8<Double>
    var middle: SIMD8<Double>
    var high: SIMD8<Double>

    static let zero = DualGradient(low: .zero, middle: .zero, high: .zero)

    @inline(__always) subscript(index: Int) -> Double {
        get {
            switch index {
            case 0..<8: low[index]
            case 8..<16: middle[index - 8]
            default: high[index - 16]
            }
        }
        set {
            switch index {
            case 0..<8: low[index] = newValue
            case 8..<16: middle[index - 8] = newValue
            default: high[index - 16] = newValue
            }
        }
    }

    @inline(__always) static func + (a: DualGradient, b: DualGradient) -> DualGradient {
        DualGradient(low: a.low + b.low, middle: a.middle + b.middle, high: a.high + b.high)
    }

    @inline(__always) static func - (a: DualGradient, b: DualGradient) -> DualGradient {
        DualGradient(low: a.low - b.low, middle: a.middle - b.middle, high: a.high - b.high)
    }

    @inline(__always) static func += (a: inout DualGradient, b: DualGradient) {
        a = a + b
    }

    @inline(__always) static func * (a: DualGradient, b: Double) -> DualGradient {
        let scale = SIMD8<Double>(repeating: b)
        return DualGradient(low: a.low * scale, middle: a.middle * scale, high: a.high * scale)
    }

    @inline(__always) static func / (a: DualGradient, b: Double) -> DualGradient {
        a * (1 / b)
    }
}
