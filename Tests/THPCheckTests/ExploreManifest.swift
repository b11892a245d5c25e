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
      "v3.8-rc1", [], "hinting", .holds, states: 132, transitions: 198,
      harm: nil, length: 0),
    .init(
      "v3.8-rc1", [], "migrate-vs-write", .holds, states: 1450, transitions: 3257,
      harm: nil, length: 0),
    .init(
      "v3.8-rc1", [], "gup", .refuted, states: 3346, transitions: 7308,
      harm: .lostWrite, length: 32),
    .init(
      "v3.8-rc1", [], "gup-fast", .refuted, states: 3535, transitions: 7804,
      harm: .lostWrite, length: 35),
    .init(
      "v3.8-rc1", [], "zap", .refuted, states: 41, transitions: 74,
      harm: .zapIgnored, length: 6),
    .init(
      "v3.8-rc1", [], "aba", .refuted, states: 1625, transitions: 3343,
      harm: .lostWrite, length: 26),
    .init(
      "v3.8-rc1", [], "walker", .holds, states: 948, transitions: 2244,
      harm: nil, length: 0),
    .init(
      "v3.8-rc1", [], "two-scanners", .refuted, states: 170, transitions: 302,
      harm: .refinement, length: 11),
    .init(
      "v3.8-rc1", [], "foll-force", .refuted, states: 3046, transitions: 6637,
      harm: .lostWrite, length: 32),
    // v3.8-pagecount-v1
    .init(
      "v3.8-pagecount-v1", [], "hinting", .holds, states: 134, transitions: 201,
      harm: nil, length: 0),
    .init(
      "v3.8-pagecount-v1", [], "migrate-vs-write", .refuted, states: 1723, transitions: 3835,
      harm: .accountingLeak, length: 52),
    .init(
      "v3.8-pagecount-v1", [], "gup", .refuted, states: 3735, transitions: 8161,
      harm: .lostWrite, length: 33),
    .init(
      "v3.8-pagecount-v1", [], "gup-fast", .refuted, states: 3910, transitions: 8629,
      harm: .lostWrite, length: 36),
    .init(
      "v3.8-pagecount-v1", [], "zap", .refuted, states: 41, transitions: 74,
      harm: .zapIgnored, length: 6),
    .init(
      "v3.8-pagecount-v1", [], "aba", .refuted, states: 1647, transitions: 3374,
      harm: .lostWrite, length: 26),
    .init(
      "v3.8-pagecount-v1", [], "walker", .refuted, states: 1044, transitions: 2423,
      harm: .accountingLeak, length: 44),
    .init(
      "v3.8-pagecount-v1", [], "two-scanners", .refuted, states: 170, transitions: 302,
      harm: .refinement, length: 11),
    .init(
      "v3.8-pagecount-v1", [], "foll-force", .refuted, states: 3358, transitions: 7328,
      harm: .lostWrite, length: 33),
    // v3.9
    .init(
      "v3.9", [], "hinting", .holds, states: 134, transitions: 201,
      harm: nil, length: 0),
    .init(
      "v3.9", [], "migrate-vs-write", .holds, states: 2814, transitions: 6517,
      harm: nil, length: 0),
    .init(
      "v3.9", [], "gup", .refuted, states: 3802, transitions: 8315,
      harm: .lostWrite, length: 33),
    .init(
      "v3.9", [], "gup-fast", .refuted, states: 3949, transitions: 8717,
      harm: .lostWrite, length: 36),
    .init(
      "v3.9", [], "zap", .refuted, states: 41, transitions: 74,
      harm: .zapIgnored, length: 6),
    .init(
      "v3.9", [], "aba", .refuted, states: 1647, transitions: 3374,
      harm: .lostWrite, length: 26),
    .init(
      "v3.9", [], "walker", .holds, states: 1024, transitions: 2410,
      harm: nil, length: 0),
    .init(
      "v3.9", [], "two-scanners", .refuted, states: 170, transitions: 302,
      harm: .refinement, length: 11),
    .init(
      "v3.9", [], "foll-force", .refuted, states: 3434, transitions: 7508,
      harm: .lostWrite, length: 33),
    // v3.13-rc1
    .init(
      "v3.13-rc1", [], "hinting", .holds, states: 132, transitions: 198,
      harm: nil, length: 0),
    .init(
      "v3.13-rc1", [], "migrate-vs-write", .refuted, states: 2189, transitions: 4938,
      harm: .useAfterFree, length: 49),
    .init(
      "v3.13-rc1", [], "gup", .refuted, states: 4393, transitions: 9640,
      harm: .lostWrite, length: 34),
    .init(
      "v3.13-rc1", [], "gup-fast", .refuted, states: 4507, transitions: 9953,
      harm: .lostWrite, length: 37),
    .init(
      "v3.13-rc1", [], "zap", .refuted, states: 56, transitions: 107,
      harm: .zapIgnored, length: 7),
    .init(
      "v3.13-rc1", [], "aba", .refuted, states: 1539, transitions: 3326,
      harm: .kernelBug, length: 29),
    .init(
      "v3.13-rc1", [], "walker", .holds, states: 968, transitions: 2276,
      harm: nil, length: 0),
    .init(
      "v3.13-rc1", [], "two-scanners", .refuted, states: 170, transitions: 302,
      harm: .refinement, length: 11),
    .init(
      "v3.13-rc1", [], "foll-force", .refuted, states: 3959, transitions: 8723,
      harm: .lostWrite, length: 34),
    // v3.13
    .init(
      "v3.13", [], "hinting", .holds, states: 232, transitions: 384,
      harm: nil, length: 0),
    .init(
      "v3.13", [], "migrate-vs-write", .refuted, states: 3024, transitions: 7127,
      harm: .useAfterFree, length: 57),
    .init(
      "v3.13", [], "gup", .refuted, states: 8633, transitions: 20580,
      harm: .useAfterFree, length: 56),
    .init(
      "v3.13", [], "gup-fast", .refuted, states: 9239, transitions: 22205,
      harm: .useAfterFree, length: 59),
    .init(
      "v3.13", [], "zap", .refuted, states: 715, transitions: 1536,
      harm: .refinement, length: 21),
    .init(
      "v3.13", [], "aba", .refuted, states: 8069, transitions: 19491,
      harm: .refinement, length: 47),
    .init(
      "v3.13", [], "walker", .refuted, states: 1565, transitions: 3863,
      harm: .refinement, length: 44),
    .init(
      "v3.13", [], "two-scanners", .refuted, states: 5166, transitions: 12432,
      harm: .refinement, length: 46),
    .init(
      "v3.13", [], "foll-force", .refuted, states: 2480, transitions: 5852,
      harm: .lostWrite, length: 48),
    // v4.14
    .init(
      "v4.14", [], "hinting", .holds, states: 756, transitions: 1325,
      harm: nil, length: 0),
    .init(
      "v4.14", [], "migrate-vs-write", .holds, states: 71544, transitions: 182970,
      harm: nil, length: 0),
    .init(
      "v4.14", [], "device", .refuted, states: 6437, transitions: 14455,
      harm: .lostWrite, length: 43),
    .init(
      "v4.14", [], "gup", .holds, states: 108533, transitions: 276487,
      harm: nil, length: 0),
    .init(
      "v4.14", [], "gup-fast", .holds, states: 113659, transitions: 289931,
      harm: nil, length: 0),
    .init(
      "v4.14", [], "zap", .refuted, states: 1264, transitions: 2801,
      harm: .refinement, length: 22),
    .init(
      "v4.14", [], "aba", .refuted, states: 36517, transitions: 88445,
      harm: .refinement, length: 49),
    .init(
      "v4.14", [], "walker", .holds, states: 20246, transitions: 50822,
      harm: nil, length: 0),
    .init(
      "v4.14", [], "two-scanners", .refuted, states: 11732, transitions: 29284,
      harm: .refinement, length: 47),
    .init(
      "v4.14", [], "foll-force", .refuted, states: 9653, transitions: 22982,
      harm: .lostWrite, length: 50),
    // v4.20
    .init(
      "v4.20", [], "hinting", .holds, states: 716, transitions: 1247,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "migrate-vs-write", .holds, states: 60534, transitions: 153673,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "device", .holds, states: 62566, transitions: 156502,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "gup", .holds, states: 87385, transitions: 220634,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "gup-fast", .holds, states: 92201, transitions: 233244,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "zap", .refuted, states: 1264, transitions: 2801,
      harm: .refinement, length: 22),
    .init(
      "v4.20", [], "aba", .holds, states: 1_158_759, transitions: 2_982_224,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "walker", .holds, states: 19712, transitions: 49334,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "two-scanners", .holds, states: 49180, transitions: 127655,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "foll-force", .refuted, states: 7388, transitions: 17445,
      harm: .lostWrite, length: 46),
    // v5.14
    .init(
      "v5.14", [], "hinting", .holds, states: 558, transitions: 975,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "migrate-vs-write", .holds, states: 150422, transitions: 388779,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "device", .holds, states: 183681, transitions: 469739,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "gup", .holds, states: 207819, transitions: 537267,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "gup-fast", .holds, states: 210747, transitions: 544964,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "zap", .refuted, states: 5711, transitions: 14304,
      harm: .zapIgnored, length: 44),
    .init(
      "v5.14", [], "aba", .refuted, states: 24783, transitions: 65317,
      harm: .refinement, length: 45),
    .init(
      "v5.14", [], "walker", .holds, states: 17092, transitions: 43304,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "two-scanners", .refuted, states: 8190, transitions: 21074,
      harm: .refinement, length: 44),
    .init(
      "v5.14", [], "foll-force", .holds, states: 25579, transitions: 64930,
      harm: nil, length: 0),
    // v6.12
    .init(
      "v6.12", [], "hinting", .holds, states: 274, transitions: 475,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "migrate-vs-write", .holds, states: 12019, transitions: 30644,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "device", .holds, states: 18913, transitions: 46804,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "gup", .holds, states: 33820, transitions: 85804,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "gup-fast", .holds, states: 35394, transitions: 90174,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "zap", .holds, states: 16751, transitions: 44677,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "aba", .holds, states: 770619, transitions: 2_073_650,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "walker", .holds, states: 7915, transitions: 19623,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "two-scanners", .holds, states: 40677, transitions: 112037,
      harm: nil, length: 0),
    .init(
      "v6.12", [], "foll-force", .holds, states: 33820, transitions: 85804,
      harm: nil, length: 0),
    // v4.20 --revert 3f926ab945b6
    .init(
      "v4.20", ["3f926ab945b6"], "aba", .refuted, states: 132213, transitions: 336030,
      harm: .lostWrite, length: 74),
    // v4.20 --revert 3c226c637b69
    .init(
      "v4.20", ["3c226c637b69"], "migrate-vs-write", .refuted, states: 17073, transitions: 41684,
      harm: .useAfterFree, length: 55),
    // v4.20 --revert 04fa5d6a6547
    .init(
      "v4.20", ["04fa5d6a6547"], "gup", .refuted, states: 14585, transitions: 33846,
      harm: .lostWrite, length: 45),
    // v4.20 --revert 2b4847e73004
    .init(
      "v4.20", ["2b4847e73004"], "gup", .refuted, states: 16343, transitions: 38421,
      harm: .lostWrite, length: 46),
    // v4.20 --revert 7066f0f933a1
    .init(
      "v4.20", ["7066f0f933a1"], "device", .refuted, states: 4432, transitions: 9753,
      harm: .lostWrite, length: 39),
    // v6.12 --revert no-precopy-refcount-check
    .init(
      "v6.12", ["no-precopy-refcount-check"], "gup", .refuted, states: 8844, transitions: 21387,
      harm: .lostWrite, length: 51),
    .init(
      "v6.12", ["no-precopy-refcount-check"], "gup-fast", .refuted, states: 8497,
      transitions: 20934,
      harm: .lostWrite, length: 50),
    // v6.12 --revert wait-unlocks-ptl-first
    .init(
      "v6.12", ["wait-unlocks-ptl-first"], "migrate-vs-write", .refuted, states: 5225,
      transitions: 12672,
      harm: .useAfterFree, length: 57),
    // v6.12 --revert no-secondary-tlb-flush
    .init(
      "v6.12", ["no-secondary-tlb-flush"], "device", .refuted, states: 353, transitions: 720,
      harm: .lostWrite, length: 44),
    .init(
      "v4.20", [], "migrate-vs-write", preemptions: 2, .holds, states: 19932, transitions: 24369,
      harm: nil, length: 0),
    .init(
      "v4.20", ["3c226c637b69"], "migrate-vs-write", preemptions: 1, .refuted, states: 3881,
      transitions: 4175,
      harm: .useAfterFree, length: 61),
    // v4.20 --revert 3c226c637b69
    .init(
      "v4.20", ["3c226c637b69"], "migrate-vs-write", preemptions: 0, .holds, states: 414,
      transitions: 417,
      harm: nil, length: 0),
  ]
}
