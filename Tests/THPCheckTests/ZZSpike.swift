import THPEngine
import THPKernel
import THPSpec
import Testing

/// Spike: how much would a local-step reduction save? A step is "local" if it accesses no shared
/// state (empty footprint), has one outcome, takes no spec action and fails nothing.
@Test func zzSpike() throws {
  for (m, sc) in [("v4.20", "Aw,Bw,Saa"), ("v5.14", "Aw,Bw,Sa,Dw"), ("v4.20", "Aww,Bw,Sa,Dw"), ("v6.12", "Aw,Bw,Saa")] {
    let fam = try Catalog.family(m)
    let model = fam.instantiate(try Scenario.parse(Substring(sc), in: fam.space))
    for reduce in [false, true] {
      var seen = Set<UInt64>()
      var frontier = [model.initialState()]
      seen.insert(model.fingerprint(frontier[0]))
      var transitions = 0
      var localSteps = 0
      var allSteps = 0
      while !frontier.isEmpty {
        var next: [World] = []
        for s in frontier {
          let ready = (0..<model.actorCount).filter { model.status(s, $0) == .ready }
          var chosen: [Int] = ready
          if reduce {
            for a in ready where model.choiceCount(s, a) == 1 {
              var t = s
              let o = model.step(&t, a, choice: 0)
              if o.footprint.reads == 0 && o.footprint.writes == 0 && o.transition == nil
                && o.harm == nil && o.rules == 0 && !seen.contains(model.fingerprint(t))
              {
                chosen = [a]
                break
              }
            }
          }
          for a in chosen {
            for c in 0..<model.choiceCount(s, a) {
              var t = s
              let o = model.step(&t, a, choice: c)
              transitions += 1
              allSteps += 1
              if o.footprint.reads == 0 && o.footprint.writes == 0 { localSteps += 1 }
              if o.harm != nil { continue }
              let fp = model.fingerprint(t)
              if seen.insert(fp).inserted { next.append(t) }
            }
          }
        }
        frontier = next
      }
      print("ZZ \(m) \(sc) reduce=\(reduce): states \(seen.count), transitions \(transitions), local steps \(localSteps) of \(allSteps)")
    }
  }
}
