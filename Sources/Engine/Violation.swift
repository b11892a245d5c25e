import THPSpec

/// Why a run failed: the harm, one sentence, and the index of the step where it happened.
public struct Violation: Sendable, Hashable {
  /// The harm kind.
  public var kind: ViolationKind
  /// What happened.
  public var message: String
  /// Index of the failing step in the trace (the trace's last step).
  public var step: Int

  /// Creates a violation.
  public init(kind: ViolationKind, message: String, step: Int) {
    self.kind = kind
    self.message = message
    self.step = step
  }
}
