import Foundation
import THPEngine
import THPKernel
import THPSpec

/// The subcommands.
enum Commands {
  /// Default runs per model for `check`.
  static let defaultRuns = 20_000

  /// The (model, reverted) pairs a `check` covers.
  static func targets(_ args: Arguments) -> [(String, [String])] {
    if args.models.isEmpty {
      // --revert alone: the fix's own model (a seed fix's is v4.20).
      if let id = args.reverts.first {
        return [(Catalog.reverts.first { $0.id == id }?.model ?? "v4.20", args.reverts)]
      }
      return Catalog.models.map { ($0.name, []) } + Catalog.reverts.map { ($0.model, [$0.id]) }
    }
    return args.models.map { ($0, args.reverts) }
  }

  static func check(_ args: Arguments) -> Int32 {
    var families: [KernelFamily] = []
    for (name, reverted) in targets(args) {
      do { families.append(try Catalog.family(name, reverting: reverted)) } catch {
        usage(error.description)
      }
    }
    var config = CheckConfig(
      runs: args.runs ?? defaultRuns, seed: args.seed, scheduler: args.scheduler,
      threads: args.threadCount)
    let progress = Progress(quiet: args.quiet)
    if let text = args.scenario {
      // Scenario letters are read against one model's actors.
      guard families.count == 1, let family = families.first else {
        usage(
          args.models.isEmpty
            ? "--scenario needs one model: add --model NAME (without it, check covers "
              + "\(families.count) models and reverts)"
            : "--scenario needs one model, not \(families.count) ("
              + families.map(\.name).joined(separator: ", ") + ")")
      }
      do { config.scenario = try StandardScenarios.resolve(text, for: family) } catch {
        usage(error.description)
      }
    }
    var reports: [(KernelFamily, CheckReport)] = []
    for family in families {
      var config = config
      // A revert tells its seed's story: on the seed's own actors unless --scenario says otherwise.
      if config.scenario == nil,
        let fix = Catalog.reverts.first(where: {
          family.name == $0.model && family.reverted == [$0.id]
        })
      {
        config.scenario = Scenario(encoded: Substring(fix.scenario), in: family.space)
      }
      config.progress = progress.check(family.displayName)
      let report = family.checkAgainstCatalogue(
        config, explore: ExploreOptions(threads: args.threadCount))
      reports.append((family, report))
      progress.note(Human.progress(family, report))
    }
    // Each verdict must be its model's expected one, and each model's findings its catalogue:
    // nothing outside it, nothing it lists missing.
    let ok = reports.allSatisfy { f, r in
      r.verdict == Catalog.expected(f.name, reverting: f.reverted) && r.matchesCatalogue
    }
    if args.json {
      printJSON(
        CheckJSON(
          ok: ok,
          results: reports.map { f, r in
            ResultJSON(r, expected: Catalog.expected(f.name, reverting: f.reverted))
          }))
    } else {
      Human.table(reports)
      Human.rules(reports)
      Human.diagrams(reports)
      Output.line(
        ok
          ? "\nEvery verdict matches kernel history."
          : "\nSome verdict does NOT match kernel history.")
    }
    return ok ? 0 : 1
  }

  static func replay(_ args: Arguments) -> Int32 {
    guard let text = args.token else { usage("replay needs a token") }
    let token: ReplayToken
    do { token = try ReplayToken.parse(text) } catch { usage(error.description) }
    let family: KernelFamily
    do { family = try Catalog.family(token.model, reverting: token.reverted) } catch {
      usage("replay token: " + error.description)
    }
    let scenario: Scenario
    do {
      scenario = try StandardScenarios.resolve(token.scenario, for: family, names: false)
    } catch { usage("replay token's " + error.description) }
    let model = family.instantiate(scenario)
    guard let decisions = [Decision].decode(Substring(token.schedule), actors: model.actorCount)
    else {
      usage(
        "malformed replay token: its schedule is not letters a to "
          + "\(Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(model.actorCount - 1)))) "
          + "(one per actor of \(token.scenario)), each followed by an optional choice digit 1-9")
    }
    let report: CheckReport
    do { report = try family.replay(scenario, decisions) } catch {
      usage("replay token does not apply to \(family.name): \(error.description)")
    }
    let expected = Catalog.expected(family.name, reverting: family.reverted)
    // A replayed run is one run: it matches history when its verdict is the expected one and
    // what it shows is catalogued.
    let ok = report.verdict == expected && report.findings.allSatisfy { $0.known != nil }
    if args.json {
      printJSON(CheckJSON(ok: ok, results: [ResultJSON(report, expected: expected)]))
    } else if let f = report.findings.first {
      Output.line(
        "\(family.displayName): \(f.kind.rawValue) at step \(f.counterexample.violation.step + 1)\n"
      )
      Output.line(RaceDiagram.render(f.counterexample))
    } else {
      Output.line(
        "\(family.displayName): no harm in \(report.steps) steps (\(report.verdict.rawValue))")
    }
    return ok ? 0 : 1
  }

  /// The models, fixes, actions and harm kinds; exits 0.
  static func list(_ args: Arguments) -> Int32 {
    let value = ListJSON(
      models: Catalog.models.map {
        ListJSON.Model(
          name: $0.name, kernel: $0.kernel, commit: $0.commit, expected: $0.expected.rawValue,
          demonstrates: $0.demonstrates,
          catalogue: Catalog.catalogue(model: $0.name, reverting: []).map(ListJSON.Entry.init))
      },
      fixes: Catalog.reverts.map {
        ListJSON.Fix(id: $0.id, title: $0.title, seed: $0.seed, model: $0.model)
      },
      actions: ActionName.allCases.map(\.rawValue),
      violationKinds: ViolationKind.allCases.map(\.rawValue))
    if args.json {
      printJSON(value)
      return 0
    }
    Output.line("Models:")
    for m in Catalog.models {
      Output.line("  \(m.name.padding(18)) \(m.expected.rawValue.padding(8)) \(m.kernel)")
      for e in Catalog.catalogue(model: m.name, reverting: []) {
        Output.line("    \(e.story.kind.rawValue.padding(15)) \(e.id): \(e.evidence)")
      }
    }
    Output.line("\nFixes revertible from v4.20 (--revert ID):")
    for f in Catalog.fixes { Output.line("  \(f.id)  seed \(f.seed.prefix(3))  \(f.title)") }
    Output.line("\nDefences revertible from v6.12, one line each (--revert ID):")
    for f in Catalog.v6Reverts {
      Output.line("  \(f.id)  seed \(f.seed.prefix(3))  \(f.title)")
    }
    Output.line("\nSpec actions: " + value.actions.joined(separator: ", "))
    Output.line("Harm kinds: " + value.violationKinds.joined(separator: ", "))
    return 0
  }

}

extension KernelFamily {
  /// `v4.20` or `v4.20 --revert 7066f0f933a1`.
  var displayName: String {
    reverted.isEmpty ? name : name + " --revert " + reverted.joined(separator: " ")
  }
}

extension String {
  func padding(_ n: Int) -> String {
    count >= n ? self : self + String(repeating: " ", count: n - count)
  }
}
