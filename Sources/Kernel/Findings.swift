import THPEngine

/// The findings catalogue: per model, the stories its model is known to show, each with its
/// kernel evidence and a witness scenario on which exhaustive exploration reproduces it
/// (proofs-notes/findings.md explains each).
extension Catalog {
  /// The stories of `model` with `reverted` fixes taken out: a model's own catalogue; for a
  /// revert of v4.20, its seed's story (which it must show) and v4.20's own (which it must
  /// show only when their witness is the seed's scenario).
  public static func catalogue(model: String, reverting reverted: [String]) -> [KnownStory] {
    guard let fixID = reverted.first else { return findings[model] ?? [] }
    guard let fix = fixes.first(where: { $0.id == fixID }), let story = seedStories[fixID] else {
      return []
    }
    let base = (findings["v4.20"] ?? []).map { entry in
      var e = entry
      e.required = entry.witness == fix.scenario
      return e
    }
    return [story] + base
  }

  /// Each model's own catalogue.
  static let findings: [String: [KnownStory]] = [:]

  /// Each seed fix's story, as its revert from v4.20 must show it on the seed's scenario.
  static let seedStories: [String: KnownStory] = [:]
}
