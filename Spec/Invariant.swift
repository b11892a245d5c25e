/// A named predicate over the abstract state, with the harm its violation is.
public struct Invariant: Sendable {
  /// The invariant's name.
  public let name: String
  /// What it says, in one sentence.
  public let text: String
  /// The harm a state that breaks it is.
  public let harm: ViolationKind
  /// Whether it is judged only at quiescence (no actor inside an operation).
  public let atQuiescence: Bool
  /// The predicate.
  public let holds: @Sendable (AbstractState) -> Bool

  /// Creates an invariant.
  public init(
    _ name: String, _ text: String, harm: ViolationKind, atQuiescence: Bool = false,
    _ holds: @escaping @Sendable (AbstractState) -> Bool
  ) {
    self.name = name
    self.text = text
    self.harm = harm
    self.atQuiescence = atQuiescence
    self.holds = holds
  }
}
