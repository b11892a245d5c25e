import THPEngine
import THPSpec
import Testing

/// One committed exhaustive-exploration result: a model (with a fix reverted, perhaps), a
/// standard scenario, an optional preemption bound, and what `thpcheck explore` finds.
struct ManifestEntry: Sendable, CustomTestStringConvertible {
  let model: String
  let reverted: [String]
  let scenario: String
  var preemptions: Int? = nil
  let verdict: Verdict
  /// Distinct states visited.
  let states: Int
  /// Transitions checked.
  let transitions: Int
  /// The harm of the shortest counterexample, or nil.
  let harm: ViolationKind?
  /// The shortest counterexample's length (0 when none).
  let length: Int

  init(
    _ model: String, _ reverted: [String], _ scenario: String, preemptions: Int? = nil,
    _ verdict: Verdict, states: Int, transitions: Int, harm: ViolationKind?, length: Int,
  ) {
    self.model = model
    self.reverted = reverted
    self.scenario = scenario
    self.preemptions = preemptions
    self.verdict = verdict
    self.states = states
    self.transitions = transitions
    self.harm = harm
    self.length = length
  }

  var testDescription: String {
    var s = model + (reverted.isEmpty ? "" : " --revert " + reverted.joined(separator: " "))
    s += " on \(scenario)"
    if let preemptions { s += " --preemptions \(preemptions)" }
    return s
  }
}

/// The explorer's committed results (regenerate a line with `thpcheck explore --json`; a
/// mismatch prints the line as it is now). A change here is a change in a model's behaviour:
/// review it like a diff of the kernel models.
enum ExploreManifest {
  static let entries: [ManifestEntry] = [
    // v4.20 holds for every interleaving of every standard scenario.
    .init("v4.20", [], "hinting", .holds, states: 307, transitions: 513, harm: nil, length: 0),
    .init(
      "v4.20", [], "migrate-vs-write", .holds, states: 21925, transitions: 52205, harm: nil,
      length: 0),
    .init("v4.20", [], "device", .holds, states: 18086, transitions: 42601, harm: nil, length: 0),
    .init("v4.20", [], "gup", .holds, states: 26546, transitions: 64692, harm: nil, length: 0),
    .init("v4.20", [], "gup-fast", .holds, states: 28189, transitions: 68885, harm: nil, length: 0),
    .init("v4.20", [], "zap", .holds, states: 3887, transitions: 9194, harm: nil, length: 0),
    .init("v4.20", [], "aba", .holds, states: 271795, transitions: 665493, harm: nil, length: 0),
    .init(
      "v4.20", [], "migrate-vs-write", preemptions: 2, .holds, states: 10649, transitions: 13158,
      harm: nil, length: 0),
    // Each seed fix reverted: refuted on its seed's scenario, shortest counterexample.
    .init(
      "v4.20", ["3f926ab945b6"], "aba", .refuted, states: 99316, transitions: 232496,
      harm: .lostWrite, length: 66),
    .init(
      "v4.20", ["3c226c637b69"], "migrate-vs-write", .refuted, states: 6589, transitions: 14680,
      harm: .useAfterFree, length: 47),
    .init(
      "v4.20", ["3c226c637b69"], "migrate-vs-write", preemptions: 1, .refuted, states: 2427,
      transitions: 2613, harm: .useAfterFree, length: 53),
    .init(
      "v4.20", ["04fa5d6a6547"], "gup", .refuted, states: 5935, transitions: 13298,
      harm: .lostWrite, length: 39),
    .init(
      "v4.20", ["2b4847e73004"], "gup", .refuted, states: 6951, transitions: 15705,
      harm: .lostWrite, length: 40),
    .init(
      "v4.20", ["7066f0f933a1"], "device", .refuted, states: 2486, transitions: 5195,
      harm: .lostWrite, length: 35),
    // The refuted eras, each on one of the seeds it shipped.
    .init(
      "v4.14", [], "device", .refuted, states: 3241, transitions: 7008, harm: .lostWrite, length: 39
    ),
    .init(
      "v3.13", [], "migrate-vs-write", .refuted, states: 4456, transitions: 9928,
      harm: .useAfterFree,
      length: 53),
    .init(
      "v3.13-rc1", [], "migrate-vs-write", .refuted, states: 3250, transitions: 7084,
      harm: .useAfterFree, length: 45),
    .init(
      "v3.9", [], "gup", .refuted, states: 2024, transitions: 3502, harm: .lostWrite, length: 30),
    .init(
      "v3.8-pagecount-v1", [], "migrate-vs-write", .refuted, states: 1394, transitions: 2245,
      harm: .accountingLeak, length: 43),
    .init(
      "v3.8-rc1", [], "gup", .refuted, states: 1765, transitions: 3032, harm: .lostWrite, length: 29
    ),
  ]
}
