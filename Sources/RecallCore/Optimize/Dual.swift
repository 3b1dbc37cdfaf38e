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
/// parameters (lanes 21…31 stay zero), so the gradient is exact, not a finite difference.
struct Dual: ModelScalar {
    typealias Gradient = SIMD32<Double>

    var value: Double
    var gradient: Gradient

    init(_ constant: Double) {
        value = constant
        gradient = .zero
    }

    init(value: Double, gradient: Gradient) {
        self.value = value
        self.gradient = gradient
    }

    /// The parameter `index` itself: derivative 1 with respect to itself, 0 to the others.
    static func parameter(_ value: Double, index: Int) -> Dual {
        var gradient = Gradient.zero
        gradient[index] = 1
        return Dual(value: value, gradient: gradient)
    }

    static func + (a: Dual, b: Dual) -> Dual {
        Dual(value: a.value + b.value, gradient: a.gradient + b.gradient)
    }

    static func - (a: Dual, b: Dual) -> Dual {
        Dual(value: a.value - b.value, gradient: a.gradient - b.gradient)
    }

    static func * (a: Dual, b: Dual) -> Dual {
        Dual(value: a.value * b.value, gradient: a.gradient * b.value + b.gradient * a.value)
    }

    static func / (a: Dual, b: Dual) -> Dual {
        let quotient = a.value / b.value
        return Dual(value: quotient, gradient: (a.gradient - b.gradient * quotient) / b.value)
    }

    static func + (a: Dual, b: Double) -> Dual {
        Dual(value: a.value + b, gradient: a.gradient)
    }

    static func * (a: Dual, b: Double) -> Dual {
        Dual(value: a.value * b, gradient: a.gradient * b)
    }

    func exponential() -> Dual {
        let result = Foundation.exp(value)
        return Dual(value: result, gradient: gradient * result)
    }

    func logarithm() -> Dual {
        Dual(value: Foundation.log(value), gradient: gradient / value)
    }

    func raised(to exponent: Dual) -> Dual {
        let result = Foundation.pow(value, exponent.value)
        let logBase = Foundation.log(value)
        return Dual(
            value: result,
            gradient: (exponent.gradient * logBase + gradient * (exponent.value / value)) * result)
    }
}
