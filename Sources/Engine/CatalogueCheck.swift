import THPSpec

extension ModelFamily {
  /// The catalogue entries a check must reproduce: every required entry; with a fixed scenario,
  /// only those whose witness is that scenario.
  public func requiredStories(on scenario: Scenario?) -> [KnownStory] {
    catalogue.filter { entry in
      guard entry.required else { return false }
      guard let scenario else { return true }
      return Scenario(encoded: Substring(entry.witness), in: space) == scenario
    }
  }

  /// What history expects of this model: refuted when its catalogue has a story it must show,
  /// else holds.
  public var expectedVerdict: Verdict {
    catalogue.contains { $0.required } ? .refuted : .holds
  }

  /// Checks a budget of runs against the catalogue: every catalogued story the runs missed is
  /// looked for by exhaustive exploration of its witness scenario, so that the verdict does not
  /// depend on the budget. The report's findings include those reproduced so; ``CheckReport/
  /// missing`` lists the entries neither reproduced.
  public func checkAgainstCatalogue(_ config: CheckConfig, explore: ExploreOptions) -> CheckReport {
    var report = check(config)
    for entry in requiredStories(on: config.scenario)
    where !report.findings.contains(where: { $0.story.known && $0.story.name == entry.id }) {
      let key = StoryKey(kind: entry.story.kind, name: entry.id, known: true)
      guard let witness = Scenario(encoded: Substring(entry.witness), in: space) else {
        report.missing.append(entry)
        continue
      }
      var options = explore
      options.goal = .story(key)
      let found = self.explore(witness, options: options)
      if let ce = found.counterexample, found.violation != nil {
        var f = Finding(
          kind: key.kind, story: key, known: entry, runs: 0, firstRun: -1, counterexample: ce,
          originalLength: ce.length)
        f.byWitness = true
        report.findings.append(f)
      } else {
        report.missing.append(entry)
      }
    }
    report.findings.sort { $0.story < $1.story }
    return report
  }
}
