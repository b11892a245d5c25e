import Dispatch

/// The first failing run of a budget, as `thpcheck bench` times it.
public struct FirstFailure: Sendable {
  /// How many runs were made, the failing one included.
  public var runs: Int
  /// Wall-clock seconds until it failed (not deterministic).
  public var seconds: Double
  /// Its scenario.
  public var scenario: Scenario
  /// Its schedule.
  public var decisions: [Decision]
  /// Its violation.
  public var violation: Violation
}

extension ModelFamily {
  /// Makes the runs of `config` one after another on this thread (run `i` draws as an unguided
  /// ``check(_:)`` draws it: no corpus) until one fails; nil if none of the first
  /// `config.runs` does.
  public func firstFailure(_ config: CheckConfig) -> FirstFailure? {
    let start = DispatchTime.now()
    for i in 0..<config.runs {
      let (scenario, source) = draw(i, config, corpus: [])
      let model = instantiate(scenario)
      guard
        let r = try? model.run(source, options: RunOptions(stepBound: config.stepBound)),
        let v = r.violation
      else { continue }
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
      return FirstFailure(
        runs: i + 1, seconds: seconds, scenario: scenario, decisions: r.decisions, violation: v)
    }
    return nil
  }
}
