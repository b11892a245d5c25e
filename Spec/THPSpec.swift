/// The abstract specification of THP NUMA migration: states (``AbstractState``), actions
/// (``Action``) and invariants (``Invariant``).
///
/// The spec is the contract users of a transparent huge page rely on while NUMA balancing moves
/// it: no write is lost, a read returns the last write, MADV_DONTNEED discards, isolation is
/// accounted. It says nothing about locks, reference counts or the order in which the kernel
/// invalidates translations; those are the kernel's rules, checked on the models instead.
public enum THPSpec {
  /// Every action, in the order a reviewer reads them.
  public static let actions: [Action] = [
    .armHinting, .clearHinting,
    .fillTranslation, .dropTranslations, .pin, .unpin,
    .write, .read,
    .beginMigration, .commitMigration, .endMigration,
    .countIsolated, .uncountIsolated,
    .zap, .populate,
  ]

  /// Every invariant.
  public static let invariants: [Invariant] = [
    .emptyIsZero, .emptyIsUnreachable, .isolationReturns,
  ]

  /// Every action, indexed by ``ActionName/index``.
  @usableFromInline
  static let actionTable: [Action] = ActionName.allCases.map(action)

  /// The definition of a named action.
  public static func action(_ name: ActionName) -> Action {
    switch name {
    case .armHinting: .armHinting
    case .clearHinting: .clearHinting
    case .fillTranslation: .fillTranslation
    case .dropTranslations: .dropTranslations
    case .pin: .pin
    case .unpin: .unpin
    case .write: .write
    case .read: .read
    case .beginMigration: .beginMigration
    case .commitMigration: .commitMigration
    case .endMigration: .endMigration
    case .countIsolated: .countIsolated
    case .uncountIsolated: .uncountIsolated
    case .zap: .zap
    case .populate: .populate
    }
  }

  /// Checks one concrete step: `transition` (nil for a stutter) must be enabled in `pre` and
  /// produce exactly `post`. Returns the breach, or nil when the step refines the spec.
  ///
  /// Inlinable: it runs at every step of every run, and a client (the checking engine) compiles
  /// it with its own optimisation settings.
  @inlinable @inline(__always)
  public static func check(pre: AbstractState, _ transition: Transition?, post: AbstractState)
    -> Breach?
  {
    guard let t = transition else {
      if pre == post { return nil }
      return mismatch(expected: pre, actual: post, what: "a step that should change nothing")
    }
    // Read in place from the table: copying an `Action` retains its strings, guard and effect.
    let i = t.action.index
    for c in actionTable[i].requires.indices where !actionTable[i].requires[c].holds(pre, t) {
      let clause = actionTable[i].requires[c]
      return Breach(clause.harm, "\(t) happened although \(clause.text) did not hold")
    }
    var expected = pre
    actionTable[i].effect(&expected, t)
    if expected == post { return nil }
    return mismatch(expected: expected, actual: post, what: "\(t)")
  }

  /// Classifies a post-state that differs from the one the spec allows: data that survives a
  /// discard is `zap-ignored`; data that is not the last write is a `lost-write`; anything else is
  /// a `refinement` failure.
  public static func mismatch(expected: AbstractState, actual: AbstractState, what: String)
    -> Breach
  {
    if !expected.populated && actual.populated {
      return Breach(
        .zapIgnored, "after \(what) the range still holds w\(actual.data), though it was discarded")
    }
    if expected.data != actual.data {
      return Breach(
        .lostWrite,
        "after \(what) the page holds w\(actual.data), but the last write was w\(expected.data)")
    }
    return Breach(
      .refinement, "after \(what) the spec allows [\(expected)] but the model is in [\(actual)]")
  }

  /// The first invariant `state` breaks; quiescence invariants only when `quiescent`.
  ///
  /// Inlinable, like ``check(pre:_:post:)``: it runs at every step.
  @inlinable @inline(__always)
  public static func brokenInvariant(_ state: AbstractState, quiescent: Bool) -> Invariant? {
    for i in invariants.indices
    where (quiescent || !invariants[i].atQuiescence) && !invariants[i].holds(state) {
      return invariants[i]
    }
    return nil
  }
}
