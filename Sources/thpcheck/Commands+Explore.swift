import Foundation
import THPEngine
import THPKernel

/// `explore` and `bench` (the contract in Spec/THPSpec.docc/CommandLine.md).
extension Commands {
  /// Explores every interleaving of one bounded scenario of one model.
  static func explore(_ args: Arguments) -> Int32 {
    guard let name = args.models.first else { usage("explore needs --model NAME") }
    let family: KernelFamily
    do { family = try Catalog.family(name, reverting: args.reverts) } catch {
      usage(error.description)
    }
    let scenario: Scenario
    do {
      scenario = try StandardScenarios.resolve(
        args.scenario ?? StandardScenarios.defaultName, for: family)
    } catch { usage(error.description) }
    var options = ExploreOptions(
      maxStates: args.maxStates, preemptions: args.preemptions, threads: args.threadCount)
    options.symmetry = !args.noReduction
    if let gb = args.memoryGB {
      options.stopAfterLevel = { _ in Progress.residentBytes() > gb << 30 }
    }
    let progress = Progress(quiet: args.quiet)
    options.progress = progress.explore(family.displayName)
    switch args.stories {
    case nil: break
    case "all": options.goal = .everyStory
    case let id?:
      guard let entry = family.catalogue.first(where: { $0.id == id }) else {
        usage(
          "no catalogue entry \(Echo.quote(id)) for \(family.displayName); entries: "
            + (family.catalogue.isEmpty
              ? "none" : family.catalogue.map(\.id).joined(separator: ", ")))
      }
      options.goal = .story(StoryKey(kind: entry.story.kind, name: entry.id, known: true))
    }
    let report = family.explore(scenario, options: options)
    progress.done()
    let expected = Catalog.expected(family.name, reverting: family.reverted)
    let letters = scenario.encoded(in: family.space)
    if args.json {
      printJSON(
        ExploreJSON(report, scenario: letters, expected: expected, known: family.knownStory))
    } else {
      let named =
        StandardScenarios.all.first { $0.letters == letters }.map { "\($0.name) (\(letters))" }
        ?? letters
      let bound = args.preemptions.map { ", at most \($0) preemption(s)" } ?? ""
      Output.line(
        "\(family.displayName) on \(named)\(bound): \(report.verdict.rawValue) (expected \(expected.rawValue))"
      )
      Output.line(
        "  \(report.states) states, \(report.transitions) transitions, depth \(report.depth), "
          + (report.complete
            ? "complete"
            : report.states >= args.maxStates
              ? "cut at --max-states \(args.maxStates)"
              : "cut at --memory \(args.memoryGB ?? 0) GB")
          + ", \(String(format: "%.2f", report.seconds)) s"
          + ", fingerprint collision odds \(String(format: "%.1e", report.collisionOdds))")
      if report.gaveUpStates > 0 {
        Output.line("  \(report.gaveUpStates) end state(s) with an actor out of fault retries")
      }
      if options.goal == .everyStory {
        for (key, ce) in report.stories {
          let known = family.knownStory(key)
          let label = known.map { "[\($0.id)]" } ?? "NEW (\(key.name))"
          Output.line(
            "\n== \(key.kind.rawValue) \(label): shortest at step \(ce.violation.step + 1) ==")
          if let known { Output.line("evidence: \(known.evidence)") }
          Output.line("")
          Output.line(RaceDiagram.render(ce))
        }
      } else if let ce = report.counterexample {
        Output.line(
          "\nShortest counterexample: \(ce.violation.kind.rawValue) at step \(ce.violation.step + 1)\n"
        )
        Output.line(RaceDiagram.render(ce))
      } else if let v = report.violation {
        Output.line("\n\(v.kind.rawValue) at step \(v.step + 1): \(v.message)")
      }
    }
    return report.verdict == expected ? 0 : 1
  }

  /// Seeds per time-to-counterexample median.
  static let benchSeeds: [UInt64] = [0, 1, 2, 3, 4]
  /// Runs per seed before giving up on a first failure.
  static let benchRunCap = 200_000

  /// Throughput, time to counterexample and one exhaustive exploration; meant for release builds.
  static func bench(_ args: Arguments) -> Int32 {
    let v420: KernelFamily
    do { v420 = try Catalog.family("v4.20") } catch { usage(error.description) }

    // Steps per second on one core: v4.20 random runs, unguided, no shrinking.
    let runs = args.runs ?? 20_000
    var throughput = CheckConfig(runs: runs, seed: 0, scheduler: .random, shrink: false, threads: 1)
    throughput.guided = false
    let check = v420.check(throughput)
    let stepsPerSecond = (Double(check.steps) / max(check.seconds, 1e-9)).rounded()
    if !args.json {
      Output.line(
        "v4.20: \(check.steps) steps in \(runs) random runs on one core: \(Int(stepsPerSecond)) steps/s"
      )
    }

    // Time to the first failing run (random scheduler, unguided, one thread), median over seeds,
    // each model on a story's scenario: a revert on its fix's, an era on the witness of the first
    // story its catalogue requires (an era whose catalogue is empty has nothing to time).
    var targets: [(String, [String], String?)] = Catalog.models.compactMap { m in
      Catalog.catalogue(model: m.name, reverting: []).first { $0.required }.map {
        (m.name, [], $0.witness)
      }
    }
    targets += Catalog.reverts.map { ($0.model, [$0.id], $0.scenario) }
    var ttc: [BenchJSON.TimeToCounterexample] = []
    for (name, reverted, letters) in targets {
      let family: KernelFamily
      do { family = try Catalog.family(name, reverting: reverted) } catch {
        usage(error.description)
      }
      guard let letters, let scenario = Scenario(encoded: Substring(letters), in: family.space)
      else {
        usage("no bench scenario fits \(family.displayName)")
      }
      var times: [Double] = []
      var first: FirstFailure? = nil
      for seed in benchSeeds {
        var config = CheckConfig(runs: benchRunCap, seed: seed, threads: 1)
        config.guided = false
        config.scenario = scenario
        guard let f = family.firstFailure(config) else { continue }
        times.append(f.seconds)
        if first == nil { first = f }
      }
      var shrunk: Int? = nil
      if let f = first, let story = family.storyKey(f.scenario, f.decisions) {
        var shrinker = Shrinker(family: family, story: story)
        let (sc, ds) = shrinker.shrink(f.scenario, f.decisions)
        shrunk = family.counterexample(sc, ds)?.length
      }
      times.sort()
      // Seeds without a failure count as slower than any with one: no median unless most found one.
      let median =
        2 * times.count > benchSeeds.count
        ? (times[benchSeeds.count / 2] * 1e6).rounded() / 1e6 : nil
      ttc.append(
        BenchJSON.TimeToCounterexample(
          model: name, reverted: reverted, medianSeconds: median, shrunkLength: shrunk))
      if !args.json {
        let m =
          median.map { String(format: "%.4f s", $0) }
          ?? "none (most seeds found nothing in \(benchRunCap) runs)"
        Output.line(
          "\(family.displayName.padding(36)) median time to counterexample \(m) over \(times.count)/\(benchSeeds.count) seeds, shrunk to \(shrunk.map(String.init) ?? "-") steps"
        )
      }
    }

    // One exhaustive exploration: v4.20 on the largest standard scenario.
    let sc = StandardScenarios.all.first { $0.name == "aba" }?.letters ?? "Aw,Bw,Saa"
    guard let scenario = StandardScenarios.scenario(sc, in: v420.space) else {
      usage("the default scenario does not fit v4.20")
    }
    let ex = v420.explore(
      scenario, options: ExploreOptions(threads: ProcessInfo.processInfo.activeProcessorCount))
    if !args.json {
      Output.line(
        "v4.20 explore \(sc): \(ex.states) states, \(ex.transitions) transitions in "
          + String(
            format: "%.3f s (%.0f states/s)", ex.seconds, Double(ex.states) / max(ex.seconds, 1e-9))
      )
    }
    let big = args.big ? benchBig(args) : nil
    if args.json {
      printJSON(
        BenchJSON(
          model: "v4.20", stepsPerSecond: stepsPerSecond, timeToCounterexample: ttc,
          exhaustive: .init(
            model: "v4.20", states: ex.states, seconds: (ex.seconds * 1000).rounded() / 1000),
          big: big))
    }
    return 0
  }

  /// The large scenarios `bench --big` explores, for v4.20 and v5.14: two tasks writing twice,
  /// two or three scan passes, a device writing twice, a GUP pin.
  static let bigScenarios = ["Aww,Bww,Saa,Dww,Gp", "Aww,Bww,Saaa,Dww,Gp"]
  /// Where `bench --big` cuts a search: these scenarios' levels are still widening there, so a
  /// sixth of the states are on the frontier and the peak is about 60 bytes a state (3.3 GiB
  /// measured for v4.20 on the first).
  static let bigMaxStates = 60_000_000

  /// `bench --big`: each large scenario explored to the end or to the cut, all stories, with
  /// states, transitions, seconds and the peak memory.
  static func benchBig(_ args: Arguments) -> [BenchJSON.Big] {
    var out: [BenchJSON.Big] = []
    let progress = Progress(quiet: args.quiet)
    for model in ["v4.20", "v5.14"] {
      guard let family = try? Catalog.family(model) else { continue }
      for letters in bigScenarios {
        guard let scenario = StandardScenarios.scenario(letters, in: family.space) else { continue }
        for reduction in [true, false] {
          var options = ExploreOptions(maxStates: bigMaxStates, threads: args.threadCount)
          options.goal = .everyStory
          options.symmetry = reduction
          options.progress = progress.explore("\(model) \(letters)")
          Progress.resetPeak()
          let r = family.explore(scenario, options: options)
          progress.done()
          let b = BenchJSON.Big(
            model: model, scenario: letters, states: r.states, transitions: r.transitions,
            seconds: (r.seconds * 1000).rounded() / 1000, peakBytes: Progress.peakResidentBytes(),
            complete: r.complete, reduction: reduction)
          out.append(b)
          if !args.json {
            Output.line(
              "\(model) explore \(letters)\(reduction ? "" : " --no-reduction"): "
                + "\(r.states) states, \(r.transitions) transitions, "
                + String(format: "%.1f s, peak ", r.seconds) + Progress.bytes(b.peakBytes)
                + " (\(b.peakBytes / max(r.states, 1)) bytes a state), "
                + (r.complete ? "complete" : "cut at \(bigMaxStates) states (inconclusive)"))
          }
        }
      }
    }
    return out
  }
}
