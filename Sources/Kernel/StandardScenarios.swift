import THPEngine

/// A named, bounded scenario for `thpcheck explore`.
public struct StandardScenario: Sendable, Hashable {
  /// The name `--scenario` takes (`migrate-vs-write`).
  public let name: String
  /// The scenario letters (`Aw,Bw,Sa`).
  public let letters: String
  /// What it exercises, one line.
  public let summary: String
}

/// The standard bounded scenarios: each is small enough to explore exhaustively and stands
/// for one of the seed races.
public enum StandardScenarios {
  /// The scenarios, smallest first.
  public static let all: [StandardScenario] = [
    StandardScenario(
      name: "hinting", letters: "Aw,Sa",
      summary: "one write against one scan pass: arm, hinting fault, migration"),
    StandardScenario(
      name: "migrate-vs-write", letters: "Aw,Bw,Sa",
      summary: "two tasks fault on the same armed PMD; one migrates, one waits (seed 001)"),
    StandardScenario(
      name: "device", letters: "Aw,Sa,Dw",
      summary: "a device behind mmu_notifier writes while the task migrates (seed 004)"),
    StandardScenario(
      name: "gup", letters: "Aw,Sa,Gp",
      summary: "a slow GUP pin against migration (seeds 002 and 003)"),
    StandardScenario(
      name: "gup-fast", letters: "Aw,Sa,Fp",
      summary: "a fast (IRQs-off, lockless) GUP pin against migration"),
    StandardScenario(
      name: "zap", letters: "Ar,Sa,Mz",
      summary: "MADV_DONTNEED zaps the range while a read faults and migrates"),
    StandardScenario(
      name: "aba", letters: "Aw,Bw,Saa",
      summary: "two scan passes re-arm the PMD around a migration (seed 000)"),
    StandardScenario(
      name: "walker", letters: "Aw,Sa,Wr",
      summary: "a PFN walker's speculative reference against migration (page_idle, hot-remove)"),
    StandardScenario(
      name: "two-scanners", letters: "Aw,Sa,Ta",
      summary: "two threads of the mm scan at once, each raising tlb_flush_pending"),
    StandardScenario(
      name: "foll-force", letters: "Aw,Sa,Gf",
      summary: "a FOLL_FORCE pin (ptrace, /proc/pid/mem), which ignores NUMA hinting"),
  ]

  /// The default scenario of `explore`.
  public static let defaultName = "migrate-vs-write"

  /// The scenario called `text` (a standard name, or letters such as `Aw,Sa,Dw`) in a
  /// family's space; nil if it is neither or does not fit (e.g. a device in an era without
  /// one).
  public static func scenario(_ text: String, in space: ScenarioSpace) -> Scenario? {
    let letters = all.first { $0.name == text }?.letters ?? text
    return Scenario(encoded: Substring(letters), in: space)
  }
}

/// Why `--scenario` text was refused for a model, said in one line with its real cause.
public struct ScenarioRefusal: Error, Sendable, CustomStringConvertible {
  /// The line.
  public let description: String
}

extension StandardScenarios {
  /// The scenario `text` names for `family`: a standard name (`device`) or scenario letters
  /// (`Aw,Sa,Dw`). A refusal says why: an unknown name, a letter no model has, an actor this
  /// model's era lacks (and which models have it), a role named twice, an operation the role
  /// does not do, a count over the role's limit (with the limit), a group with no operation.
  ///
  /// With `names: false` only letters are read (a replay token's scenario field).
  public static func resolve(_ text: String, for family: KernelFamily, names: Bool = true)
    throws(ScenarioRefusal) -> Scenario
  {
    let standard = names ? all.first { $0.name == text } : nil
    let letters = standard?.letters ?? text
    do {
      return try Scenario.parse(Substring(letters), in: family.space)
    } catch {
      let what =
        standard.map { "scenario '\($0.name)' (\($0.letters))" }
        ?? "scenario \(Echo.quote(text))"
      if case .unknownRole(let letter, _) = error {
        if let why = ScenarioLetters.missing(letter, in: family.name) {
          throw ScenarioRefusal(description: "\(what) does not fit \(family.name): \(why)")
        }
        // Not a letter of any model: perhaps a mistyped name.
        if names, let first = text.first, first.isLowercase || text.count > 2 && !text.contains(",")
        {
          throw ScenarioRefusal(
            description: "unknown scenario \(Echo.quote(text)): neither a standard name ("
              + all.map(\.name).joined(separator: ", ") + ") nor scenario letters ("
              + error.description + ")")
        }
      }
      throw ScenarioRefusal(description: "\(what) does not fit \(family.name): \(error)")
    }
  }
}
