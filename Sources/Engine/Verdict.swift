/// A model's verdict over a budget of runs or an exhaustive search.
public enum Verdict: String, Sendable, Hashable, Codable {
  /// No run failed and at most 1% were incomplete.
  case holds
  /// Some run failed with a harm.
  case refuted
  /// No run failed, but too many were cut off to believe the model.
  case inconclusive
}
