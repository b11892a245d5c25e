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
      "v3.8-rc1", [], "hinting", .holds, states: 71, transitions: 77,
      harm: nil, length: 0),
    .init(
      "v3.8-rc1", [], "migrate-vs-write", .holds, states: 1334, transitions: 2169,
      harm: nil, length: 0),
    .init(
      "v3.8-rc1", [], "gup", .refuted, states: 1765, transitions: 3032,
      harm: .lostWrite, length: 29),
    .init(
      "v3.8-rc1", [], "gup-fast", .refuted, states: 1881, transitions: 3305,
      harm: .lostWrite, length: 32),
    .init(
      "v3.8-rc1", [], "zap", .refuted, states: 31, transitions: 49,
      harm: .zapIgnored, length: 5),
    .init(
      "v3.8-rc1", [], "aba", .refuted, states: 32354, transitions: 67351,
      harm: .lostWrite, length: 45),
    // v3.8-pagecount-v1
    .init(
      "v3.8-pagecount-v1", [], "hinting", .holds, states: 72, transitions: 78,
      harm: nil, length: 0),
    .init(
      "v3.8-pagecount-v1", [], "migrate-vs-write", .refuted, states: 1394, transitions: 2245,
      harm: .accountingLeak, length: 43),
    .init(
      "v3.8-pagecount-v1", [], "gup", .refuted, states: 1963, transitions: 3369,
      harm: .lostWrite, length: 30),
    .init(
      "v3.8-pagecount-v1", [], "gup-fast", .refuted, states: 2068, transitions: 3631,
      harm: .lostWrite, length: 33),
    .init(
      "v3.8-pagecount-v1", [], "zap", .refuted, states: 31, transitions: 49,
      harm: .zapIgnored, length: 5),
    .init(
      "v3.8-pagecount-v1", [], "aba", .refuted, states: 27104, transitions: 55952,
      harm: .accountingLeak, length: 43),
    // v3.9
    .init(
      "v3.9", [], "hinting", .holds, states: 72, transitions: 78,
      harm: nil, length: 0),
    .init(
      "v3.9", [], "migrate-vs-write", .holds, states: 2264, transitions: 3877,
      harm: nil, length: 0),
    .init(
      "v3.9", [], "gup", .refuted, states: 2024, transitions: 3502,
      harm: .lostWrite, length: 30),
    .init(
      "v3.9", [], "gup-fast", .refuted, states: 2106, transitions: 3721,
      harm: .lostWrite, length: 33),
    .init(
      "v3.9", [], "zap", .refuted, states: 31, transitions: 49,
      harm: .zapIgnored, length: 5),
    .init(
      "v3.9", [], "aba", .refuted, states: 38876, transitions: 82864,
      harm: .lostWrite, length: 46),
    // v3.13-rc1
    .init(
      "v3.13-rc1", [], "hinting", .holds, states: 132, transitions: 196,
      harm: nil, length: 0),
    .init(
      "v3.13-rc1", [], "migrate-vs-write", .refuted, states: 3250, transitions: 7084,
      harm: .useAfterFree, length: 45),
    .init(
      "v3.13-rc1", [], "gup", .refuted, states: 4156, transitions: 8837,
      harm: .lostWrite, length: 32),
    .init(
      "v3.13-rc1", [], "gup-fast", .refuted, states: 4288, transitions: 9252,
      harm: .lostWrite, length: 35),
    .init(
      "v3.13-rc1", [], "zap", .refuted, states: 58, transitions: 107,
      harm: .zapIgnored, length: 7),
    .init(
      "v3.13-rc1", [], "aba", .refuted, states: 30354, transitions: 67541,
      harm: .useAfterFree, length: 45),
    // v3.13
    .init(
      "v3.13", [], "hinting", .holds, states: 232, transitions: 381,
      harm: nil, length: 0),
    .init(
      "v3.13", [], "migrate-vs-write", .refuted, states: 4456, transitions: 9928,
      harm: .useAfterFree, length: 53),
    .init(
      "v3.13", [], "gup", .refuted, states: 6187, transitions: 14214,
      harm: .useAfterFree, length: 52),
    .init(
      "v3.13", [], "gup-fast", .refuted, states: 6827, transitions: 15920,
      harm: .useAfterFree, length: 55),
    .init(
      "v3.13", [], "zap", .refuted, states: 2002, transitions: 4693,
      harm: .zapIgnored, length: 38),
    .init(
      "v3.13", [], "aba", .refuted, states: 26326, transitions: 60968,
      harm: .useAfterFree, length: 53),
    // v4.14
    .init(
      "v4.14", [], "hinting", .holds, states: 327, transitions: 552,
      harm: nil, length: 0),
    .init(
      "v4.14", [], "migrate-vs-write", .holds, states: 25949, transitions: 62275,
      harm: nil, length: 0),
    .init(
      "v4.14", [], "device", .refuted, states: 3241, transitions: 7008,
      harm: .lostWrite, length: 39),
    .init(
      "v4.14", [], "gup", .holds, states: 31340, transitions: 76965,
      harm: nil, length: 0),
    .init(
      "v4.14", [], "gup-fast", .holds, states: 33133, transitions: 81558,
      harm: nil, length: 0),
    .init(
      "v4.14", [], "zap", .refuted, states: 2363, transitions: 5582,
      harm: .zapIgnored, length: 37),
    .init(
      "v4.14", [], "aba", .holds, states: 332021, transitions: 820597,
      harm: nil, length: 0),
    // v4.20
    .init(
      "v4.20", [], "hinting", .holds, states: 307, transitions: 513,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "migrate-vs-write", .holds, states: 21925, transitions: 52205,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "device", .holds, states: 18086, transitions: 42601,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "gup", .holds, states: 26546, transitions: 64692,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "gup-fast", .holds, states: 28189, transitions: 68885,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "zap", .holds, states: 3825, transitions: 9092,
      harm: nil, length: 0),
    .init(
      "v4.20", [], "aba", .holds, states: 271795, transitions: 665493,
      harm: nil, length: 0),
    // v5.14
    .init(
      "v5.14", [], "hinting", .holds, states: 299, transitions: 505,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "migrate-vs-write", .holds, states: 70905, transitions: 171942,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "device", .holds, states: 67108, transitions: 161728,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "gup", .holds, states: 83558, transitions: 203703,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "gup-fast", .holds, states: 85185, transitions: 207854,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "zap", .holds, states: 4893, transitions: 11822,
      harm: nil, length: 0),
    .init(
      "v5.14", [], "aba", .holds, states: 1_870_516, transitions: 4_723_490,
      harm: nil, length: 0),
    // Each seed fix reverted from v4.20, on its seed's scenario; and preemption bounds.
    .init(
      "v4.20", ["3f926ab945b6"], "aba", .refuted, states: 99316, transitions: 232496,
      harm: .lostWrite, length: 66),
    .init(
      "v4.20", ["3c226c637b69"], "migrate-vs-write", .refuted, states: 6589, transitions: 14680,
      harm: .useAfterFree, length: 47),
    .init(
      "v4.20", ["04fa5d6a6547"], "gup", .refuted, states: 5935, transitions: 13298,
      harm: .lostWrite, length: 39),
    .init(
      "v4.20", ["2b4847e73004"], "gup", .refuted, states: 6951, transitions: 15705,
      harm: .lostWrite, length: 40),
    .init(
      "v4.20", ["7066f0f933a1"], "device", .refuted, states: 2486, transitions: 5195,
      harm: .lostWrite, length: 35),
    .init(
      "v4.20", [], "migrate-vs-write", preemptions: 2, .holds, states: 10649, transitions: 13158,
      harm: nil, length: 0),
    .init(
      "v4.20", ["3c226c637b69"], "migrate-vs-write", preemptions: 1, .refuted, states: 2427,
      transitions: 2613,
      harm: .useAfterFree, length: 53),
    .init(
      "v4.20", ["3c226c637b69"], "migrate-vs-write", preemptions: 0, .holds, states: 324,
      transitions: 323,
      harm: nil, length: 0),
  ]
}
