import THPEngine
import THPKernel
import THPSpec
import Testing

/// Replay tokens reproduce exactly; the shrinker's result is 1-minimal and never longer.
@Suite("Replay and shrinking", .budget(scale: 4))
struct ReplayAndShrinkTests {
  static func finding() throws -> (KernelFamily, Finding) {
    let family = try Catalog.family("v4.20", reverting: ["3c226c637b69"])
    var config = CheckConfig(runs: Support.runs, seed: PropertyBudget.current.seed)
    config.scenario = Scenario(encoded: "Aw,Bw,Sa", in: family.space)
    let report = family.check(config)
    return (family, try #require(report.findings.first))
  }

  @Test("a token replays to the same verdict, step and diagram")
  func tokenReplays() throws {
    let (family, f) = try Self.finding()
    let token = try ReplayToken.parse(f.counterexample.token.description)
    #expect(token.model == "v4.20" && token.reverted == ["3c226c637b69"])
    let again = try Catalog.family(token.model, reverting: token.reverted)
    let sc = try #require(Scenario(encoded: Substring(token.scenario), in: again.space))
    let ds = try #require([Decision].decode(Substring(token.schedule), actors: sc.actors.count))
    let report = try again.replay(sc, ds)
    let replayed = try #require(report.findings.first)
    #expect(report.verdict == .refuted)
    #expect(replayed.kind == f.kind)
    #expect(replayed.counterexample.violation == f.counterexample.violation)
    #expect(RaceDiagram.render(replayed.counterexample) == RaceDiagram.render(f.counterexample))
    // The token round-trips to exactly the counterexample's scenario and schedule.
    #expect(try ReplayToken.parse(token.description) == token)
    #expect(sc == f.counterexample.scenario)
    #expect(ds == f.counterexample.decisions)
    #expect(family.token(sc, ds) == token)
  }

  @Test("a token with one schedule entry changed does not reproduce blindly")
  func mutatedToken() throws {
    let (family, f) = try Self.finding()
    let ds = f.counterexample.decisions
    let sc = f.counterexample.scenario
    var differing = 0
    for i in 0..<ds.count {
      var m = ds
      m[i].actor = UInt8((Int(m[i].actor) + 1) % sc.actors.count)
      do {
        let r = try family.replay(sc, m)
        if r.findings.first?.counterexample.violation != f.counterexample.violation
          || RaceDiagram.render(r.findings[0].counterexample)
            != RaceDiagram.render(f.counterexample)
        {
          differing += 1
        }
      } catch {
        differing += 1  // refused: the entry does not apply
      }
    }
    #expect(differing == ds.count)
  }

  @Test("the shrunk counterexample is 1-minimal and no longer than its input")
  func oneMinimal() throws {
    let (family, f) = try Self.finding()
    let ce = f.counterexample
    #expect(ce.length <= f.originalLength)
    var shrinker = Shrinker(family: family, story: f.story)
    #expect(shrinker.reproduces(ce.scenario, ce.decisions) != nil)
    for i in 0..<ce.decisions.count {
      var d = ce.decisions
      d.remove(at: i)
      #expect(shrinker.reproduces(ce.scenario, d) == nil, "dropping step \(i) keeps the failure")
    }
    for a in 0..<ce.scenario.actors.count {
      if ce.scenario.actors.count > 1 {
        var sc = ce.scenario
        sc.actors.remove(at: a)
        let d = ce.decisions.compactMap { x -> Decision? in
          Int(x.actor) == a
            ? nil
            : Decision(
              actor: Int(x.actor) > a ? Int(x.actor) - 1 : Int(x.actor), choice: Int(x.choice))
        }
        #expect(shrinker.reproduces(sc, d) == nil, "dropping actor \(a) keeps the failure")
      }
      for k in 0..<ce.scenario.actors[a].operations.count
      where ce.scenario.actors[a].operations.count > 1 {
        var sc = ce.scenario
        sc.actors[a].operations.remove(at: k)
        #expect(
          shrinker.reproduces(sc, ce.decisions) == nil, "dropping an operation keeps the failure")
      }
    }
  }

  @Test("THPCHECK_RUNS scales the budget")
  func budget() {
    #expect(Budget.runs(default: 3000, environment: [:]) == 3000)
    #expect(Budget.runs(default: 3000, environment: ["THPCHECK_RUNS": "50000"]) == 50000)
    #expect(Budget.runs(default: 3000, environment: ["THPCHECK_RUNS": "-4"]) == 3000)
  }

  @Test("the same seed gives the same result, whatever the thread count")
  func deterministic() throws {
    let family = try Catalog.family("v4.20", reverting: ["3c226c637b69"])
    let one = family.check(CheckConfig(runs: 300, seed: 42, threads: 1))
    let two = family.check(CheckConfig(runs: 300, seed: 42, threads: 2))
    #expect(one.steps == two.steps)
    #expect(one.findings.map(\.kind) == two.findings.map(\.kind))
    #expect(one.findings.map(\.counterexample.token) == two.findings.map(\.counterexample.token))
  }
}
