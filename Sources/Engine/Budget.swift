/// Property-run budgets: `THPCHECK_RUNS` sets the runs per model (absolute) for the tests.
public enum Budget {
  /// The environment variable that sets the runs per model.
  public static let variable = "THPCHECK_RUNS"

  /// A value of `THPCHECK_RUNS` that is not a positive whole number.
  public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
    /// The value as it was set.
    public let text: String

    /// The error for a value `text`.
    public init(text: String) { self.text = text }

    public var description: String {
      "\(Budget.variable) must be a positive whole number of runs per model, not '\(text)'"
    }
  }

  /// The runs per model: `THPCHECK_RUNS` when it is set, else `fallback`. A value that is not a
  /// positive whole number (`abc`, `-5`, `0`, empty) is an error, never a silent fallback.
  public static func runs(default fallback: Int, environment: [String: String]) throws(Invalid)
    -> Int
  {
    guard let text = environment[variable] else { return fallback }
    guard let n = Int(text), n > 0 else { throw Invalid(text: text) }
    return n
  }
}
