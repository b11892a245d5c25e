import THPEngine
import THPSpec

/// What a step did besides moving its actor: harm it observed, rules it broke, and what the
/// diagram needs to print it.
struct Fx {
  var step: KStep = .faultDone
  /// First frame operand (printed `P0`).
  var a: UInt8 = noFrame
  /// Second frame operand (printed `→P1`).
  var b: UInt8 = noFrame
  /// A value operand: a write id, a PMD value, a node.
  var value: UInt16 = 0
  var transition: Transition? = nil
  var harm: ViolationKind? = nil
  var bug: Bug = .none
  var rules: Rules = []
  /// An era step that is a natural preemption point (eras set it for their own lock releases).
  var yields = false

  /// Why the kernel would BUG, or what was touched after free.
  enum Bug: UInt8 {
    case none, touchedFreed, refcountUnderflow, notLocked, unlockUnlocked, bugOn, freedLocked
    /// Two actors each hold a PMD value they cleared under the ptl: the mapping the refinement
    /// needs is ambiguous (the ptl should make this impossible).
    case twoClearedPMDs
  }

  /// An era-specific step code (1000 and up), when the step is not one of ``KStep``.
  var eraStep: UInt16 = 0

  /// Names the step after an era-specific code point (see ``Era/stepText(_:)``).
  mutating func named(era code: UInt16, _ a: Int = -1, _ b: Int = -1) {
    named(.faultDone, a, b)
    eraStep = code
  }

  mutating func named(_ s: KStep, _ a: Int = -1, _ b: Int = -1) {
    eraStep = 0
    step = s
    self.a = a < 0 ? noFrame : UInt8(a)
    self.b = b < 0 ? noFrame : UInt8(b)
  }

  mutating func fail(_ kind: ViolationKind, _ why: Bug) {
    if let h = harm, !(kind < h) { return }
    harm = kind
    bug = why
  }

  var outcome: StepOutcome {
    let detail =
      UInt32(a == noFrame ? 0 : a + 1) | UInt32(b == noFrame ? 0 : b + 1) << 4
      | UInt32(value) << 8
    var o = StepOutcome(
      code: eraStep != 0 ? eraStep : step.rawValue, detail: detail, transition: transition,
      harm: harm,
      rules: rules.rawValue | UInt32(bug.rawValue) << 24)
    o.yields = transition != nil || yields || step.isPreemptionPoint
    return o
  }
}
