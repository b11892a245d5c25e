/// Picks which ready actor steps next and the outcome of each choice point.
public protocol Scheduler {
  /// Picks one of `ready` (non-empty, ascending actor indices) at step `step`; `yielded` says
  /// whether the previous step was a natural preemption point.
  mutating func pickActor(ready: [Int], step: Int, yielded: Bool) -> Int
  /// Picks an outcome in `0..<count` for a choice point.
  mutating func pickChoice(count: Int) -> Int
}

/// Random interleavings with random preemption rates: each run draws how often it switches
/// actors after a natural preemption point (a lock release, a PMD write, a copy, a completed
/// access) and how often elsewhere, then at each step either keeps running the current actor or
/// switches to a uniformly random ready one. Bursts let one actor run through a whole code path
/// while another sits in its window, which is how the seeds' races look.
public struct RandomScheduler: Scheduler {
  private var rng: SplitMix64
  private var current = -1
  /// The probability of a switch after a preemption point.
  public let yieldRate: Double
  /// The probability of a switch after any other step.
  public let switchRate: Double

  /// A scheduler drawing from `rng`.
  public init(rng: SplitMix64) {
    var g = rng
    yieldRate = [1.0, 0.5, 0.3][g.below(3)]
    switchRate = [1.0, 0.1, 0.02, 0.0][g.below(4)]
    self.rng = g
  }

  public mutating func pickActor(ready: [Int], step: Int, yielded: Bool) -> Int {
    if ready.contains(current) && !rng.chance(yielded ? yieldRate : switchRate) { return current }
    current = ready[rng.below(ready.count)]
    return current
  }

  public mutating func pickChoice(count: Int) -> Int { rng.biasedChoice(count) }
}

extension SplitMix64 {
  /// A choice-point outcome: models list the outcome that makes progress first, and it is taken
  /// three times in four; the others share the rest.
  public mutating func biasedChoice(_ count: Int) -> Int {
    if count <= 1 || chance(0.75) { return 0 }
    return 1 + below(count - 1)
  }
}

/// Probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010): random distinct actor
/// priorities, always run the highest-priority ready actor, and at `depth - 1` random points
/// lower the running actor's priority below all others. Finds any bug of depth `depth` with
/// probability at least 1/(n·k^(d-1)), where k counts the candidate points; here the candidates
/// are the natural preemption points (lock releases, PMD writes, copies), not every step, which
/// keeps k small.
public struct PCTScheduler: Scheduler {
  private var rng: SplitMix64
  private var priority: [Int]
  private var changePoints: [Int]
  private var nextLow: Int
  /// The depth bound `d`.
  public let depth: Int
  /// How many priority changes were applied so far (at most `depth - 1`).
  public private(set) var changesApplied = 0

  /// A PCT scheduler for `actors` actors, runs of about `length` steps and bug depth `depth`.
  public init(rng: SplitMix64, actors: Int, length: Int, depth: Int) {
    var g = rng
    var prio = Array(depth..<(depth + actors))
    for i in stride(from: prio.count - 1, to: 0, by: -1) { prio.swapAt(i, g.below(i + 1)) }
    var points: [Int] = []
    while points.count < max(depth - 1, 0) {
      let p = g.below(max(length, 1))
      if !points.contains(p) { points.append(p) }
    }
    self.rng = g
    priority = prio
    changePoints = points.sorted()
    nextLow = depth - 2
    self.depth = depth
  }

  private var points = 0

  public mutating func pickActor(ready: [Int], step: Int, yielded: Bool) -> Int {
    var best = ready[0]
    for a in ready where priority[a] > priority[best] { best = a }
    guard yielded else { return best }
    points += 1
    if changesApplied < changePoints.count, changePoints[changesApplied] == points - 1 {
      priority[best] = nextLow
      nextLow -= 1
      changesApplied += 1
      best = ready[0]
      for a in ready where priority[a] > priority[best] { best = a }
    }
    return best
  }

  public mutating func pickChoice(count: Int) -> Int { rng.biasedChoice(count) }
}
