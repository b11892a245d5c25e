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
    // v3.8-rc1
    .init(
      "v3.8-rc1", [], "hinting", .holds, states: 138, transitions: 205,
      harm: nil, length: 0),
    .init(
      "v3.8-rc1", [], "migrate-vs-write", .holds, states: 3634, transitions: 7829,
      harm: nil, length: 0),
    .init(
      "v3.8-rc1", [], "gup", .refuted, states: 3630, transitions: 7745,
      harm: .lostWrite, length: 32),
    .init(
      "v3.8-rc1", [], "gup-fast", .refuted, states: 3815, transitions: 8266,
      harm: .lostWrite, length: 35),
    .init(
      "v3.8-rc1", [], "zap", .refuted, states: 41, transitions: 74,
      harm: .zapIgnored, length: 6),
    .init(
      "v3.8-rc1", [], "aba", .refuted, states: 3123, transitions: 6306,
      harm: .lostWrite, length: 26),
    // v3.8-pagecount-v1
    .init(
      "v3.8-pagecount-v1", [], "hinting", .holds, states: 140, transitions: 208,
      harm: nil, length: 0),
    .init(
      "v3.8-pagecount-v1", [], "migrate-vs-write", .refuted, states: 4113, transitions: 8810,
      harm: .accountingLeak, length: 52),
    .init(
      "v3.8-pagecount-v1", [], "gup", .refuted, states: 4047, transitions: 8655,
      harm: .lostWrite, length: 33),
    .init(
      "v3.8-pagecount-v1", [], "gup-fast", .refuted, states: 4218, transitions: 9151,
      harm: .lostWrite, length: 36),
    .init(
      "v3.8-pagecount-v1", [], "zap", .refuted, states: 41, transitions: 74,
      harm: .zapIgnored, length: 6),
    .init(
      "v3.8-pagecount-v1", [], "aba", .refuted, states: 3121, transitions: 6292,
      harm: .lostWrite, length: 26),
    // v3.9
    .init(
      "v3.9", [], "hinting", .holds, states: 140, transitions: 208,
      harm: nil, length: 0),
    .init(
      "v3.9", [], "migrate-vs-write", .holds, states: 6872, transitions: 15444,
      harm: nil, length: 0),
    .init(
      "v3.9", [], "gup", .refuted, states: 4114, transitions: 8809,
      harm: .lostWrite, length: 33),
    .init(
      "v3.9", [], "gup-fast", .refuted, states: 4257, transitions: 9239,
      harm: .lostWrite, length: 36),
    .init(
      "v3.9", [], "zap", .refuted, states: 41, transitions: 74,
      harm: .zapIgnored, length: 6),
    .init(
      "v3.9", [], "aba", .refuted, states: 3121, transitions: 6292,
      harm: .lostWrite, length: 26),
    // v3.13-rc1
    .init(
      "v3.13-rc1", [], "hinting", .holds, states: 138, transitions: 205,
      harm: nil, length: 0),
    .init(
      "v3.13-rc1", [], "migrate-vs-write", .refuted, states: 4976, transitions: 10901,
      harm: .useAfterFree, length: 49),
    .init(
      "v3.13-rc1", [], "gup", .refuted, states: 4922, transitions: 10571,
      harm: .lostWrite, length: 34),
    .init(
      "v3.13-rc1", [], "gup-fast", .refuted, states: 5015, transitions: 10894,
      harm: .lostWrite, length: 37),
    .init(
      "v3.13-rc1", [], "zap", .refuted, states: 56, transitions: 107,
      harm: .zapIgnored, length: 7),
    .init(
      "v3.13-rc1", [], "aba", .refuted, states: 2977, transitions: 6259,
      harm: .kernelBug, length: 29),
    // v3.13
    .init(
      "v3.13", [], "hinting", .holds, states: 241, transitions: 396,
      harm: nil, length: 0),
    .init(
      "v3.13", [], "migrate-vs-write", .refuted, states: 7236, transitions: 16589,
      harm: .useAfterFree, length: 57),
    .init(
      "v3.13", [], "gup", .refuted, states: 10263, transitions: 24095,
      harm: .useAfterFree, length: 56),
    .init(
      "v3.13", [], "gup-fast", .refuted, states: 10914, transitions: 25825,
      harm: .useAfterFree, length: 59),
    .init(
      "v3.13", [], "zap", .refuted, states: 723, transitions: 1541,
      harm: .refinement, length: 21),
    .init(
      "v3.13", [], "aba", .refuted, states: 19508, transitions: 45672,
      harm: .refinement, length: 47),
    // v4.14
    .init(
      "v4.14", [], "hinting", .holds, states: 638, transitions: 1112,
      harm: nil, length: 0),
    .init(
      "v4.14", [], "migrate-vs-write", .holds, states: 133804, transitions: 341035,
      harm: nil, length: 0),
    .init(
      "v4.14", [], "device", .refuted, states: 7050, transitions: 15897,
      harm: .lostWrite, length: 43),
    .init(
      "v4.14", [], "gup", .holds, states: 95073, transitions: 242716,
      harm: nil, length: 0),
    .init(
      "v4.14", [], "gup-fast", .holds, states: 98535, transitions: 251794,
      harm: nil, length: 0),
    .init(
      "v4.14", [], "zap", .refuted, states: 1318, transitions: 2921,
      harm: .refinement, length: 22),
    .init(
      "v4.14", [], "aba", .refuted, states: 84272, transitions: 204894,
      harm: .refinement, length: 49),
    // v4.20
    .init(
      "v4.20", [], "hinting", .holds, states: 598, transitions: 1034,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "migrate-vs-write", .holds, states: 105280, transitions: 265541,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "device", .holds, states: 49981, transitions: 122116,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "gup", .holds, states: 73373, transitions: 185259,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "gup-fast", .holds, states: 76525, transitions: 193503,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "zap", .refuted, states: 1318, transitions: 2921,
      harm: .refinement, length: 22),
    .init(
      "v4.20", [], "aba", .holds, states: 1545513, transitions: 3986033,
      harm: nil, length: 0),
    // v5.14
    .init(
      "v5.14", [], "hinting", .holds, states: 592, transitions: 1028,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "migrate-vs-write", .holds, states: 404858, transitions: 1036277,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "device", .holds, states: 242152, transitions: 606982,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "gup", .holds, states: 262129, transitions: 665348,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "gup-fast", .holds, states: 265273, transitions: 673557,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "zap", .refuted, states: 7234, transitions: 17874,
      harm: .zapIgnored, length: 44),
    .init(
      "v5.14", [], "aba", .refuted, states: 64668, transitions: 165690,
      harm: .refinement, length: 45),
    // v6.12
    .init(
      "v6.12", [], "hinting", .holds, states: 258, transitions: 443,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "migrate-vs-write", .holds, states: 29453, transitions: 73249,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "device", .holds, states: 22889, transitions: 55084,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "gup", .holds, states: 37800, transitions: 94167,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "gup-fast", .holds, states: 39122, transitions: 97808,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "zap", .holds, states: 19190, transitions: 50712,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "aba", .holds, states: 1682112, transitions: 4374351,
      harm: nil, length: 0),
    // v6.12 --revert no-precopy-refcount-check
    .init(
      "v6.12", ["no-precopy-refcount-check"], "gup", .refuted, states: 11479, transitions: 27423,
      harm: .lostWrite, length: 51),
    .init(
      "v6.12", ["no-precopy-refcount-check"], "gup-fast", .refuted, states: 10619, transitions: 25732,
      harm: .lostWrite, length: 50),
    // v6.12 --revert wait-unlocks-ptl-first
    .init(
      "v6.12", ["wait-unlocks-ptl-first"], "migrate-vs-write", .refuted, states: 14473, transitions: 34716,
      harm: .useAfterFree, length: 57),
    // v6.12 --revert no-secondary-tlb-flush
    .init(
      "v6.12", ["no-secondary-tlb-flush"], "device", .refuted, states: 374, transitions: 755,
      harm: .lostWrite, length: 44),
    // v4.20 --revert 3f926ab945b6
    .init(
      "v4.20", ["3f926ab945b6"], "aba", .refuted, states: 463947, transitions: 1158728,
      harm: .lostWrite, length: 74),
    // v4.20 --revert 3c226c637b69
    .init(
      "v4.20", ["3c226c637b69"], "migrate-vs-write", .refuted, states: 28448, transitions: 69000,
      harm: .useAfterFree, length: 55),
    // v4.20 --revert 04fa5d6a6547
    .init(
      "v4.20", ["04fa5d6a6547"], "gup", .refuted, states: 14511, transitions: 34208,
      harm: .lostWrite, length: 45),
    // v4.20 --revert 2b4847e73004
    .init(
      "v4.20", ["2b4847e73004"], "gup", .refuted, states: 16617, transitions: 39313,
      harm: .lostWrite, length: 46),
    // v4.20 --revert 7066f0f933a1
    .init(
      "v4.20", ["7066f0f933a1"], "device", .refuted, states: 5143, transitions: 11246,
      harm: .lostWrite, length: 39),
    .init(
      "v4.20", [], "migrate-vs-write", preemptions: 2, .holds, states: 15670, transitions: 18871,
      harm: nil, length: 0),
    .init(
      "v4.20", ["3c226c637b69"], "migrate-vs-write", preemptions: 1, .refuted, states: 3037, transitions: 3247,
      harm: .useAfterFree, length: 61),
    // v4.20 --revert 3c226c637b69
    .init(
      "v4.20", ["3c226c637b69"], "migrate-vs-write", preemptions: 0, .holds, states: 350, transitions: 349,
      harm: nil, length: 0),

  ]
}
