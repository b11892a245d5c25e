/// Bounds and resources for an exhaustive exploration.
public struct ExploreOptions: Sendable {
  /// The most distinct states to visit; the search stops there and is incomplete.
  public var maxStates: Int
  /// The most preemptive context switches (switching away from an actor that could still
  /// step) on any explored path, or nil for no bound. With a bound, the actor that stepped last
  /// and the switches used so far are part of the explored state.
  public var preemptions: Int?
  /// Threads to expand each breadth-first level over (results do not depend on it).
  public var threads: Int
  /// What the search stops at.
  public var goal: ExploreGoal = .firstHarm
  /// Symmetry reduction: states that differ only by swapping actors with equal roles and
  /// operations are visited once (``CheckedModel/mirror(_:)``). Off with a
  /// preemption bound (whose key names the last actor).
  public var symmetry = true
  /// Told how far the search has got, after each breadth-first level (for a progress line; it
  /// does not change the results).
  public var progress: (@Sendable (ExploreProgress) -> Void)? = nil
  /// Asked after each breadth-first level whether to stop there, incomplete (a memory limit).
  public var stopAfterLevel: (@Sendable (ExploreProgress) -> Bool)? = nil

  /// Options.
  public init(maxStates: Int = 20_000_000, preemptions: Int? = nil, threads: Int = 2) {
    self.maxStates = maxStates
    self.preemptions = preemptions
    self.threads = threads
  }
}

/// How far an exhaustive search has got.
public struct ExploreProgress: Sendable {
  /// Distinct states visited so far.
  public var states: Int
  /// Transitions checked so far.
  public var transitions: Int
  /// Breadth-first levels done.
  public var depth: Int
  /// Seconds since the search began.
  public var seconds: Double
}

/// What an exhaustive search looks for.
public enum ExploreGoal: Sendable, Hashable {
  /// The first failing step: a shortest counterexample, whatever its story.
  case firstHarm
  /// The first failing step that tells this story (a shortest counterexample of it); failing
  /// steps that tell another story end their paths.
  case story(StoryKey)
  /// Every distinct story, each with a shortest counterexample; failing steps end their paths.
  case everyStory
}

/// The outcome of exploring every interleaving of one scenario.
public struct ExploreReport: Sendable {
  /// The model's name.
  public var model: String
  /// Reverted fixes.
  public var reverted: [String]
  /// The scenario explored.
  public var scenario: Scenario
  /// Distinct states visited (the initial state included).
  public var states: Int
  /// Transitions taken: every (state, actor, choice) step checked, whether or not it led to a
  /// new state.
  public var transitions: Int
  /// Breadth-first levels expanded: the longest shortest path to a visited state.
  public var depth: Int
  /// States where nobody can step because an actor ran out of fault retries (not failures).
  public var gaveUpStates: Int
  /// Whether every reachable state within the bounds was visited.
  public var complete: Bool
  /// Wall-clock seconds (not part of the deterministic output).
  public var seconds: Double
  /// The first harm found: on a shortest failing path.
  public var violation: Violation?
  /// That path, rendered (nil when nothing failed).
  public var counterexample: Counterexample?
  /// The steps (by kernel name) that did more than one access to shared state somewhere in
  /// the search, with the most accesses seen: the fusions the atomicity notes must justify.
  public var fusedSteps: [String: Int] = [:]
  /// With ``ExploreGoal/everyStory``: every distinct story found, in precedence order, with a
  /// shortest counterexample of each.
  public var stories: [(StoryKey, Counterexample)] = []

  /// Refuted if a step failed (told the story aimed at); holds if the search was complete;
  /// inconclusive if it was cut off by the state bound.
  public var verdict: Verdict {
    if violation != nil { return .refuted }
    return complete ? .holds : .inconclusive
  }

  /// The odds that two distinct visited states shared a 64-bit fingerprint (so that one of
  /// them was wrongly skipped): about `states² / 2⁶⁵`.
  public var collisionOdds: Double {
    let n = Double(states)
    return n * n / 36_893_488_147_419_103_232.0
  }
}
