import THPEngine
import THPSpec
import Testing

@testable import THPKernel

/// The World's recording accessors tell the truth: every place a step changed is among the
/// places it recorded as written (a write that bypassed the record would show here); and every
/// step that does more than one access is a fusion proofs-notes/atomicity.md justifies.
@Suite("Access footprints", .tags(.property))
struct FootprintTests {
  /// Every model and every revert.
  static let families: [KernelFamily] = {
    var out: [KernelFamily] = []
    for m in Catalog.models { if let f = try? Catalog.family(m.name) { out.append(f) } }
    for fix in Catalog.reverts {
      if let f = try? Catalog.family(fix.model, reverting: [fix.id]) { out.append(f) }
    }
    return out
  }()

  @Test(
    "Each step's state difference is within its recorded writes",
    arguments: FootprintTests.families.map { $0.name + ($0.reverted.first.map { " -" + $0 } ?? "") })
  func writesCoverChanges(_ label: String) throws {
    let family = try #require(Self.families.first {
      $0.name + ($0.reverted.first.map { " -" + $0 } ?? "") == label
    })
    let runs = max(try Support.runs / 20, 200)
    var steps = 0
    var fused: [String: Int] = [:]
    for i in 0..<runs {
      var rng = SplitMix64.stream(seed: 11, index: UInt64(i))
      let scenario = family.space.randomScenario(&rng, swarm: false)
      let model = family.instantiate(scenario)
      var scheduler = RandomScheduler(rng: rng)
      var w = model.initialState()
      for _ in 0..<500 {
        let ready = (0..<model.actorCount).filter { model.status(w, $0) == .ready }
        guard !ready.isEmpty else { break }
        let a = scheduler.pickActor(ready: ready, step: steps, yielded: true)
        let c = scheduler.pickChoice(count: model.choiceCount(w, a))
        let pre = w
        let o = model.step(&w, a, choice: c)
        steps += 1
        let changed = w.changedPlaces(since: pre)
        #expect(
          changed & ~o.footprint.writes == 0,
          "\(label): \(model.describe(o)) changed places \(String(changed, radix: 2)) but recorded writes \(String(o.footprint.writes, radix: 2))"
        )
        if o.footprint.accesses > 1 {
          let name = model.stepName(code: o.code)
          fused[name] = max(fused[name] ?? 0, Int(o.footprint.accesses))
        }
        if o.harm != nil { break }
      }
    }
    #expect(steps > runs)
    // And no step does more accesses than proofs-notes/atomicity.md justifies.
    try AtomicityTable.committed.get().check(fused, model: family.name, context: label)
  }
}
