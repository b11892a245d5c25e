import THPSpec

/// Why a run failed: the harm, one sentence, and the index of the step where it happened.
public struct Violation: Sendable, Hashable {
  /// The harm kind.
  public var kind: ViolationKind
  /// What happened.
  public var message: String
  /// Index of the failing step in the trace (the trace's last step).
  public var step: Int

  /// A deadlock: nobody can step and `blocked` (actor names) wait forever.
  public static func deadlock(blocked: [String], step: Int) -> Violation {
    Violation(
      kind: .deadlock,
      message: "nobody can step: " + blocked.joined(separator: ", ")
        + (blocked.count == 1 ? " is" : " are") + " blocked forever",
      step: step)
  }

  /// Creates a violation.
  public init(kind: ViolationKind, message: String, step: Int) {
    self.kind = kind
    self.message = message
    self.step = step
  }
}
