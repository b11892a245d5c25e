import Foundation
import THPEngine
import Testing

/// The property-run budget a suite or test runs with: seeds `0..<runs` per model, where `runs`
/// is `scale` times the base budget (THPCHECK_RUNS), but never fewer than the test's own
/// `minimum`. Installed with the `.budget(...)` trait.
///
/// A test whose purpose is to find a bug declares the minimum that finds it, so it finds it
/// whatever THPCHECK_RUNS says; the budget only widens property coverage .
struct PropertyBudget: SuiteTrait, TestTrait, TestScoping {
  /// Multiple of the base budget.
  let scale: Int
  /// The fewest runs per model, whatever the base.
  let minimum: Int
  /// The first seed.
  let seed: UInt64

  /// The budget in force: runs per model and the first seed.
  struct Resolved: Sendable {
    /// Runs per model.
    let runs: Int
    /// The first seed.
    let seed: UInt64
  }

  /// Runs per model in the default `swift test` (THPCHECK_RUNS overrides it); an invalid
  /// THPCHECK_RUNS is kept as its error, which every budgeted test then fails with.
  static let base = Result { () throws(Budget.Invalid) -> Int in
    try Budget.runs(default: 10_000, environment: ProcessInfo.processInfo.environment)
  }

  /// The budget in force for the running test, if a `.budget` trait installed one.
  @TaskLocal static var current: Resolved? = nil

  var isRecursive: Bool { true }

  func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
  ) async throws {
    let runs = max(scale * (try PropertyBudget.base.get()), minimum)
    try await PropertyBudget.$current.withValue(Resolved(runs: runs, seed: seed)) {
      try await function()
    }
  }
}

extension Trait where Self == PropertyBudget {
  /// Runs `scale` times the base budget per model, never fewer than `minimum`, from seed
  /// `seed`. The seed stories run on small scenarios, so they can afford more.
  static func budget(scale: Int = 1, minimum: Int = 1, seed: UInt64 = 0) -> Self {
    PropertyBudget(scale: scale, minimum: minimum, seed: seed)
  }
}
