// The spec's invariants: named predicates every reachable abstract state satisfies.

extension Invariant {
  /// An empty range reads as zero and is not armed.
  public static let emptyIsZero = Invariant(
    "emptyIsZero", "An empty range holds no data and no hinting.", harm: .zapIgnored
  ) { s in s.populated || (s.data == 0 && !s.hinting) }

  /// Nothing reaches the page of an empty range: translations and pins taken before the zap are
  /// `discarded`, never `page`.
  public static let emptyIsUnreachable = Invariant(
    "emptyIsUnreachable", "Nothing reaches the page of an empty range.", harm: .zapIgnored
  ) { s in s.populated || Agent.allCases.allSatisfy { s[$0] != .page } }

  /// At quiescence no page is isolated and NR_ISOLATED_ANON is back to zero (seed 002's leak).
  public static let isolationReturns = Invariant(
    "isolationReturns", "At quiescence nothing is isolated and the isolation counter is zero.",
    harm: .accountingLeak, atQuiescence: true
  ) { s in !s.migrating && s.isolated == 0 }
}
