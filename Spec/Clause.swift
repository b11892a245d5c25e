/// One conjunct of an action's guard: a named condition and the harm its failure means.
///
/// A guard states the users' contract, never the kernel's internal discipline:
/// a clause that fails is a harm the user would see.
public struct Clause: Sendable {
  /// What must hold, in one phrase ("the writer reaches the page").
  public let text: String
  /// The harm a step that performs the action without this condition is.
  public let harm: ViolationKind
  /// The condition on the state before the step and the step's parameters.
  public let holds: @Sendable (AbstractState, Transition) -> Bool

  /// Creates a clause.
  public init(
    _ text: String, harm: ViolationKind,
    _ holds: @escaping @Sendable (AbstractState, Transition) -> Bool
  ) {
    self.text = text
    self.harm = harm
    self.holds = holds
  }
}
