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
      "v3.8-rc1", [], "migrate-vs-write", .holds, states: 1834, transitions: 3959,
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
      "v3.8-rc1", [], "aba", .refuted, states: 1664, transitions: 3397,
      harm: .lostWrite, length: 26),
    .init(
      "v3.8-rc1", [], "walker", .holds, states: 996, transitions: 2342,
      harm: nil, length: 0),
    .init(
      "v3.8-rc1", [], "two-scanners", .refuted, states: 170, transitions: 302,
      harm: .refinement, length: 11),
    .init(
      "v3.8-rc1", [], "foll-force", .refuted, states: 3312, transitions: 7055,
      harm: .lostWrite, length: 32),
    // v3.8-pagecount-v1
    .init(
      "v3.8-pagecount-v1", [], "hinting", .holds, states: 140, transitions: 208,
      harm: nil, length: 0),
    .init(
      "v3.8-pagecount-v1", [], "migrate-vs-write", .refuted, states: 2088, transitions: 4483,
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
      "v3.8-pagecount-v1", [], "aba", .refuted, states: 1663, transitions: 3390,
      harm: .lostWrite, length: 26),
    .init(
      "v3.8-pagecount-v1", [], "walker", .refuted, states: 1092, transitions: 2521,
      harm: .accountingLeak, length: 44),
    .init(
      "v3.8-pagecount-v1", [], "two-scanners", .refuted, states: 170, transitions: 302,
      harm: .refinement, length: 11),
    .init(
      "v3.8-pagecount-v1", [], "foll-force", .refuted, states: 3664, transitions: 7821,
      harm: .lostWrite, length: 33),
    // v3.9
    .init(
      "v3.9", [], "hinting", .holds, states: 140, transitions: 208,
      harm: nil, length: 0),
    .init(
      "v3.9", [], "migrate-vs-write", .holds, states: 3464, transitions: 7794,
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
      "v3.9", [], "aba", .refuted, states: 1663, transitions: 3390,
      harm: .lostWrite, length: 26),
    .init(
      "v3.9", [], "walker", .holds, states: 1072, transitions: 2508,
      harm: nil, length: 0),
    .init(
      "v3.9", [], "two-scanners", .refuted, states: 170, transitions: 302,
      harm: .refinement, length: 11),
    .init(
      "v3.9", [], "foll-force", .refuted, states: 3740, transitions: 8001,
      harm: .lostWrite, length: 33),
    // v3.13-rc1
    .init(
      "v3.13-rc1", [], "hinting", .holds, states: 138, transitions: 205,
      harm: nil, length: 0),
    .init(
      "v3.13-rc1", [], "migrate-vs-write", .refuted, states: 2545, transitions: 5589,
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
      "v3.13-rc1", [], "aba", .refuted, states: 1626, transitions: 3446,
      harm: .kernelBug, length: 29),
    .init(
      "v3.13-rc1", [], "walker", .holds, states: 1016, transitions: 2374,
      harm: nil, length: 0),
    .init(
      "v3.13-rc1", [], "two-scanners", .refuted, states: 170, transitions: 302,
      harm: .refinement, length: 11),
    .init(
      "v3.13-rc1", [], "foll-force", .refuted, states: 4475, transitions: 9641,
      harm: .lostWrite, length: 34),
    // v3.13
    .init(
      "v3.13", [], "hinting", .holds, states: 241, transitions: 396,
      harm: nil, length: 0),
    .init(
      "v3.13", [], "migrate-vs-write", .refuted, states: 3655, transitions: 8402,
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
      "v3.13", [], "aba", .refuted, states: 9901, transitions: 23190,
      harm: .refinement, length: 47),
    .init(
      "v3.13", [], "walker", .refuted, states: 1637, transitions: 4022,
      harm: .refinement, length: 44),
    .init(
      "v3.13", [], "two-scanners", .refuted, states: 5708, transitions: 13531,
      harm: .refinement, length: 46),
    .init(
      "v3.13", [], "foll-force", .refuted, states: 2835, transitions: 6490,
      harm: .lostWrite, length: 48),
    // v4.14
    .init(
      "v4.14", [], "hinting", .holds, states: 782, transitions: 1364,
      harm: nil, length: 0),
    .init(
      "v4.14", [], "migrate-vs-write", .holds, states: 147378, transitions: 370576,
      harm: nil, length: 0),
    .init(
      "v4.14", [], "device", .refuted, states: 7128, transitions: 15990,
      harm: .lostWrite, length: 43),
    .init(
      "v4.14", [], "gup", .holds, states: 207473, transitions: 523211,
      harm: nil, length: 0),
    .init(
      "v4.14", [], "gup-fast", .holds, states: 213015, transitions: 537437,
      harm: nil, length: 0),
    .init(
      "v4.14", [], "zap", .refuted, states: 1318, transitions: 2921,
      harm: .refinement, length: 22),
    .init(
      "v4.14", [], "aba", .refuted, states: 49002, transitions: 118453,
      harm: .refinement, length: 49),
    .init(
      "v4.14", [], "walker", .holds, states: 22810, transitions: 56388,
      harm: nil, length: 0),
    .init(
      "v4.14", [], "two-scanners", .refuted, states: 12452, transitions: 30724,
      harm: .refinement, length: 47),
    .init(
      "v4.14", [], "foll-force", .refuted, states: 10492, transitions: 24625,
      harm: .lostWrite, length: 50),
    // v4.20
    .init(
      "v4.20", [], "hinting", .holds, states: 742, transitions: 1286,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "migrate-vs-write", .holds, states: 119544, transitions: 298966,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "device", .holds, states: 112535, transitions: 273560,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "gup", .holds, states: 164859, transitions: 412547,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "gup-fast", .holds, states: 170091, transitions: 425939,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "zap", .refuted, states: 1318, transitions: 2921,
      harm: .refinement, length: 22),
    .init(
      "v4.20", [], "aba", .holds, states: 3090041, transitions: 7889272,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "walker", .holds, states: 22266, transitions: 54884,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "two-scanners", .holds, states: 55394, transitions: 139831,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "foll-force", .refuted, states: 8019, transitions: 18673,
      harm: .lostWrite, length: 46),
    // v5.14
    .init(
      "v5.14", [], "hinting", .holds, states: 592, transitions: 1028,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "migrate-vs-write", .holds, states: 253182, transitions: 648225,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "device", .holds, states: 302669, transitions: 761284,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "gup", .holds, states: 324823, transitions: 826894,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "gup-fast", .holds, states: 327967, transitions: 835103,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "zap", .refuted, states: 7234, transitions: 17874,
      harm: .zapIgnored, length: 44),
    .init(
      "v5.14", [], "aba", .refuted, states: 33166, transitions: 85135,
      harm: .refinement, length: 45),
    .init(
      "v5.14", [], "walker", .holds, states: 19094, transitions: 47428,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "two-scanners", .refuted, states: 9328, transitions: 23521,
      harm: .refinement, length: 44),
    .init(
      "v5.14", [], "foll-force", .holds, states: 27929, transitions: 69383,
      harm: nil, length: 0),
    // v6.12
    .init(
      "v6.12", [], "hinting", .holds, states: 286, transitions: 492,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "migrate-vs-write", .holds, states: 19743, transitions: 49457,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "device", .holds, states: 30832, transitions: 74832,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "gup", .holds, states: 55135, transitions: 138016,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "gup-fast", .holds, states: 56805, transitions: 142618,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "zap", .holds, states: 19190, transitions: 50712,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "aba", .holds, states: 2099458, transitions: 5568143,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "walker", .holds, states: 8618, transitions: 21237,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "two-scanners", .holds, states: 45359, transitions: 124126,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "foll-force", .holds, states: 55135, transitions: 138016,
      harm: nil, length: 0),
    // v4.20 --revert 3f926ab945b6
    .init(
      "v4.20", ["3f926ab945b6"], "aba", .refuted, states: 233013, transitions: 582043,
      harm: .lostWrite, length: 74),
    // v4.20 --revert 3c226c637b69
    .init(
      "v4.20", ["3c226c637b69"], "migrate-vs-write", .refuted, states: 23483, transitions: 56536,
      harm: .useAfterFree, length: 55),
    // v4.20 --revert 04fa5d6a6547
    .init(
      "v4.20", ["04fa5d6a6547"], "gup", .refuted, states: 16147, transitions: 37473,
      harm: .lostWrite, length: 45),
    // v4.20 --revert 2b4847e73004
    .init(
      "v4.20", ["2b4847e73004"], "gup", .refuted, states: 18520, transitions: 43192,
      harm: .lostWrite, length: 46),
    // v4.20 --revert 7066f0f933a1
    .init(
      "v4.20", ["7066f0f933a1"], "device", .refuted, states: 4980, transitions: 10949,
      harm: .lostWrite, length: 39),
    // v6.12 --revert no-precopy-refcount-check
    .init(
      "v6.12", ["no-precopy-refcount-check"], "gup", .refuted, states: 11563, transitions: 27648,
      harm: .lostWrite, length: 51),
    .init(
      "v6.12", ["no-precopy-refcount-check"], "gup-fast", .refuted, states: 10770, transitions: 26117,
      harm: .lostWrite, length: 50),
    // v6.12 --revert wait-unlocks-ptl-first
    .init(
      "v6.12", ["wait-unlocks-ptl-first"], "migrate-vs-write", .refuted, states: 7230, transitions: 17377,
      harm: .useAfterFree, length: 57),
    // v6.12 --revert no-secondary-tlb-flush
    .init(
      "v6.12", ["no-secondary-tlb-flush"], "device", .refuted, states: 374, transitions: 755,
      harm: .lostWrite, length: 44),
    .init(
      "v4.20", [], "migrate-vs-write", preemptions: 2, .holds, states: 22868, transitions: 27047,
      harm: nil, length: 0),
    .init(
      "v4.20", ["3c226c637b69"], "migrate-vs-write", preemptions: 1, .refuted, states: 4113, transitions: 4339,
      harm: .useAfterFree, length: 61),
    // v4.20 --revert 3c226c637b69
    .init(
      "v4.20", ["3c226c637b69"], "migrate-vs-write", preemptions: 0, .holds, states: 422, transitions: 421,
      harm: nil, length: 0),
  ]
}
