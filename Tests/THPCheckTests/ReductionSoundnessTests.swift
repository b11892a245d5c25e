import Foundation
import THPEngine
import THPKernel
import Testing

/// The explorer's reduction — the two tasks' symmetry, the only one it has — checked where it
/// applies on every model and every revert: the standard scenarios whose two tasks have the
/// same operations (`migrate-vs-write`, `aba`; on the others the reduced search is the full
/// one). Reduced and full searches must give the same verdict and the same stories, and every
/// reduced counterexample must replay as a real run failing only at its last step.
///
/// Opt-in, because a full `aba` costs seconds per model: `THPCHECK_SOUNDNESS=1 swift test
/// --filter ReductionSoundness` (CI runs it; the default `swift test` runs the smaller
/// ``ExplorerTests/symmetry(_:_:)`` on `Aw,Bw,Sa`).
@Suite(
  "Reduction soundness", .tags(.exhaustive),
  .enabled(if: ProcessInfo.processInfo.environment["THPCHECK_SOUNDNESS"] == "1"))
struct ReductionSoundnessTests {
  /// Every model and every revert (its label, its model, the fix reverted).
  static let cases: [(String, String, [String])] =
    Catalog.models.map { ($0.name, $0.name, []) }
    + Catalog.reverts.map { ("\($0.model) --revert \($0.id)", $0.model, [$0.id]) }

  @Test(
    "Reduced and full exploration agree on every symmetric standard scenario",
    arguments: cases.map(\.0), ["migrate-vs-write", "aba"])
  func agree(_ label: String, _ scenarioName: String) throws {
    let (_, model, reverted) = try #require(Self.cases.first { $0.0 == label })
    let family = try Catalog.family(model, reverting: reverted)
    try Support.expectSymmetryAgrees(
      family, try StandardScenarios.resolve(scenarioName, for: family), maxStates: 50_000_000)
  }
}
