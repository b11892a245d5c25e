import Foundation
import THPEngine
import Testing

/// The property-run budget a suite or test runs with: seeds `seed`, `seed + 1`, ... for `runs`
/// runs per model. Installed with the `.budget(...)` trait; the base comes from THPCHECK_RUNS.
struct PropertyBudget: SuiteTrait, TestTrait, TestScoping {
  /// Runs per model.
  let runs: Int
  /// The first seed.
  let seed: UInt64

  /// Runs per model in the default `swift test` (override with THPCHECK_RUNS).
  static let base = Budget.runs(default: 10_000, environment: ProcessInfo.processInfo.environment)

  /// The budget in force for the running test.
  @TaskLocal static var current = PropertyBudget(runs: base, seed: 0)

  var isRecursive: Bool { true }

  func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
  ) async throws {
    try await PropertyBudget.$current.withValue(self) { try await function() }
  }
}

extension Trait where Self == PropertyBudget {
  /// Runs `scale` times the base budget per model (the seed stories run on small scenarios,
  /// so they can afford more), from seed `seed`.
  static func budget(scale: Int = 1, seed: UInt64 = 0) -> Self {
    PropertyBudget(runs: scale * PropertyBudget.base, seed: seed)
  }
}
