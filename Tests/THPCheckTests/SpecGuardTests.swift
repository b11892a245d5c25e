import THPEngine
import THPKernel
import THPSpec
import Testing

/// Each spec action's guard, checked both ways on abstract states taken from real runs: where
/// the guard holds, the action's own effect is accepted; where a clause fails, the check reports
/// that clause's harm.
@Suite("Spec guards")
struct SpecGuardTests {
  static func states() throws -> [AbstractState] {
    let family = try Catalog.family("v4.20")
    var seen = Set<AbstractState>()
    for seed in 0..<300 {
      var rng = SplitMix64.stream(seed: 0, index: UInt64(seed))
      let model = family.instantiate(family.space.randomScenario(&rng, swarm: true))
      let r = try model.run(
        .scheduler(RandomScheduler(rng: rng)), options: RunOptions(record: true))
      for e in r.trace { seen.insert(e.abstract) }
    }
    return Array(seen)
  }

  static func samples(_ name: ActionName) -> [Transition] {
    switch name {
    case .fillTranslation: [.fill(.taskA), .fill(.device), .fill(.gupSlow)]
    case .dropTranslations: [.drop(.cpus)]
    case .pin, .unpin: [.pin(.gupSlow, name == .pin), .pin(.taskA, name == .pin)]
    case .write: [.write(.taskA, 5), .write(.gupFast, 9)]
    case .read: [.read(.taskB, 0), .read(.taskB, 4)]
    case .commitMigration: [.commit(toNode: 1)]
    case .populate: [.populate(onNode: 0)]
    default: [Transition(name)]
    }
  }

  @Test("guards hold and fail on real abstract states", arguments: ActionName.allCases)
  func guardBothWays(_ name: ActionName) throws {
    let states = try Self.states()
    let action = THPSpec.action(name)
    var enabled = 0
    var disabled = 0
    for s in states {
      for t in Self.samples(name) {
        if let clause = action.failedClause(in: s, t) {
          disabled += 1
          let breach = THPSpec.check(pre: s, t, post: action.apply(to: s, t))
          #expect(breach?.kind == clause.harm, "\(t) in [\(s)]")
        } else {
          enabled += 1
          #expect(THPSpec.check(pre: s, t, post: action.apply(to: s, t)) == nil, "\(t) in [\(s)]")
        }
      }
    }
    #expect(enabled > 0, "\(name.rawValue) is never enabled in real states")
    if !action.requires.isEmpty {
      #expect(disabled > 0, "\(name.rawValue)'s guard never fails in real states")
    }
  }

  @Test(
    "a stutter that changes the page is a lost write; a discarded page that survives is zap-ignored"
  )
  func classification() {
    var s = AbstractState.initial
    s.data = 3
    var changed = s
    changed.data = 2
    #expect(THPSpec.check(pre: s, nil, post: changed)?.kind == .lostWrite)
    #expect(THPSpec.check(pre: s, .plain(.zap), post: s)?.kind == .zapIgnored)
    #expect(THPSpec.check(pre: s, nil, post: s) == nil)
  }
}
