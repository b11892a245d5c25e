/// One named action of the spec: a guard (when it may happen) and an effect (what it changes).
///
/// Effects are deterministic given the step's parameters; every variable an effect does not
/// assign keeps its value.
public struct Action: Sendable {
  /// The action's name, as concrete steps and coverage reports use it.
  public let name: ActionName
  /// The action in one sentence.
  public let summary: String
  /// The kernel code that performs it, era by era.
  public let kernel: String
  /// The guard's conjuncts.
  public let requires: [Clause]
  /// The effect.
  public let effect: @Sendable (inout AbstractState, Transition) -> Void

  /// Creates an action.
  public init(
    _ name: ActionName, _ summary: String, kernel: String, requires: [Clause] = [],
    effect: @escaping @Sendable (inout AbstractState, Transition) -> Void
  ) {
    self.name = name
    self.summary = summary
    self.kernel = kernel
    self.requires = requires
    self.effect = effect
  }

  /// The first clause of the guard that fails, if any.
  public func failedClause(in state: AbstractState, _ t: Transition) -> Clause? {
    requires.first { !$0.holds(state, t) }
  }

  /// The state the action produces.
  public func apply(to state: AbstractState, _ t: Transition) -> AbstractState {
    var next = state
    effect(&next, t)
    return next
  }
}
