/// Property-run budgets: `THPCHECK_RUNS` sets the runs per model (absolute) for the tests.
public enum Budget {
  /// The environment variable that sets the runs per model.
  public static let variable = "THPCHECK_RUNS"

  /// The runs per model: `THPCHECK_RUNS` if it is a positive whole number, else `fallback`.
  public static func runs(default fallback: Int, environment: [String: String]) -> Int {
    guard let text = environment[variable], let n = Int(text), n > 0 else { return fallback }
    return n
  }
}
