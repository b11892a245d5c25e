import THPSpec

extension ModelFamily {
  /// The story a failing schedule tells: the catalogue entry it matches, or else its harm and
  /// where it happened. Nil when the schedule does not fail.
  public func storyKey(_ scenario: Scenario, _ decisions: [Decision], stepBound: Int = 500)
    -> StoryKey?
  {
    let model = instantiate(scenario)
    guard
      let r = try? model.run(
        .lenient(decisions), options: RunOptions(stepBound: stepBound, record: true)),
      let v = r.violation
    else { return nil }
    return storyKey(model, r.trace, v)
  }

  /// The story key of a recorded failing run.
  func storyKey(_ model: Instance, _ trace: [TraceEntry], _ v: Violation) -> StoryKey {
    let candidates = catalogue.filter { $0.story.kind == v.kind }
    if !candidates.isEmpty {
      let rows = trace.map {
        TraceRow(
          actor: model.actorName($0.actor), step: model.describe($0.outcome),
          abstract: $0.outcome.transition?.action.rawValue,
          rules: [])
      }
      for entry in candidates
      where entry.story.isTold(by: rows, kind: v.kind, symmetries: actorSymmetries) {
        return StoryKey(kind: v.kind, name: entry.id, known: true)
      }
    }
    return StoryKey(kind: v.kind, name: newStoryName(model, trace, v), known: false)
  }

  /// A story outside the catalogue is named by where its harm happened: the actor and the
  /// kernel step of the failing step; a leak or a deadlock, found after the last step, by what
  /// was left over or who is blocked (frame numbers left out).
  private func newStoryName(_ model: Instance, _ trace: [TraceEntry], _ v: Violation) -> String {
    switch v.kind {
    case .accountingLeak, .deadlock:
      return String(v.message.map { $0.isNumber ? "#" : $0 })
    default:
      guard v.step < trace.count else { return v.message }
      let e = trace[v.step]
      return model.actorName(e.actor) + ": " + model.stepName(code: e.outcome.code)
    }
  }

  /// The catalogue entry a key names, if any.
  public func knownStory(_ key: StoryKey) -> KnownStory? {
    key.known ? catalogue.first { $0.id == key.name } : nil
  }
}
