import THPEngine

/// One row of the scenario-letter table: a role as a group of models defines it (its letter,
/// operations and limit), and which models those are.
public struct ScenarioLetterRow: Sendable, Hashable {
  /// The role as these models' spaces define it.
  public let role: RoleSpec
  /// The models whose space has exactly this role, oldest first.
  public let models: [String]
  /// Whether every model has it.
  public let everyModel: Bool
  /// The kernel fact behind the models that lack it (`->invalidate_range exists from v3.19`),
  /// when the role is missing from some model.
  public let origin: String?

  /// What operation `op` does, if the glossary says.
  public func meaning(of op: Character) -> String? {
    ScenarioLetters.meaning(role: role.name, operation: op)
  }
}

/// The scenario letters of every model, read from the models' own ``ScenarioSpace``s: `help`,
/// the README's table and the refusals of `--scenario` all come from here, so a new actor or
/// operation shows up in them as soon as a model's space has it.
public enum ScenarioLetters {
  /// What each operation letter does, per role name: words for the help only. A role or
  /// operation without an entry is still listed, by its letter.
  static let glossary: [String: [Character: String]] = [
    "task A": ["r": "read", "w": "write"],
    "task B": ["r": "read", "w": "write"],
    "scanner": ["a": "arm the PMD for NUMA hinting (one scan pass)"],
    "scanner 2": ["a": "another thread's scan pass, overlapping the first scanner's"],
    "device": ["w": "write through its secondary-MMU translation"],
    "gup-slow": [
      "p": "pin (get_user_pages), one DMA write, unpin",
      "f": "pin with FOLL_FORCE (no FOLL_NUMA), one write, unpin",
    ],
    "gup-fast": ["p": "pin (get_user_pages_fast), one DMA write, unpin"],
    "madvise": ["z": "MADV_DONTNEED on the range"],
    "walker": [
      "r": "a speculative reference on a frame (page_idle from v4.3, memory hot-remove before)"
    ],
  ]

  /// Why a role exists only from some era on, per role name: the kernel fact, said briefly.
  static let origins: [String: String] = [
    "device": "its ->invalidate_range callback exists from v3.19"
  ]

  /// What operation `operation` of the role called `role` does, if the glossary says.
  public static func meaning(role: String, operation: Character) -> String? {
    glossary[role]?[operation]
  }

  /// Each model's scenario space, in catalogue order (oldest first).
  public static var spaces: [(model: String, space: ScenarioSpace)] {
    Catalog.models.compactMap { m in
      (try? Catalog.family(m.name)).map { (m.name, $0.space) }
    }
  }

  /// The rows: one per distinct role definition, in scenario order (the newest model's order
  /// of roles, then roles only older models have). A letter whose operations or limit differ
  /// between models has one row per definition.
  public static var rows: [ScenarioLetterRow] {
    let spaces = spaces
    var order: [RoleSpec] = []
    var models: [RoleSpec: [String]] = [:]
    for (model, space) in spaces {
      for role in space.roles { models[role, default: []].append(model) }
    }
    for (_, space) in spaces.reversed() {
      for role in space.roles where !order.contains(role) { order.append(role) }
    }
    // Keep a letter's variants together, in the order the letter first appears.
    let letters = order.map(\.letter).reduce(into: [Character]()) {
      if !$0.contains($1) { $0.append($1) }
    }
    return letters.flatMap { letter in
      order.filter { $0.letter == letter }.map { role in
        let have = models[role] ?? []
        let every = have.count == spaces.count
        return ScenarioLetterRow(
          role: role, models: have, everyModel: every,
          origin: every ? nil : origins[role.name])
      }
    }
  }

  /// Why `letter` is not an actor of `model`, if some other model has it: the models that do
  /// and the kernel fact behind it (`v3.9 has no device (D): models v4.14, v4.20 and v5.14 have
  /// one; its ->invalidate_range callback exists from v3.19`). Nil if no model has the letter.
  public static func missing(_ letter: Character, in model: String) -> String? {
    let rows = rows.filter { $0.role.letter == letter }
    guard let role = rows.first?.role else { return nil }
    let have = rows.flatMap(\.models).filter { $0 != model }
    var text = "\(model) has no \(role.name) (\(letter)): "
    text += have.count == 1 ? "model \(have[0]) has one" : "models \(list(have)) have one"
    if let origin = rows.compactMap(\.origin).first { text += "; \(origin)" }
    return text
  }

  /// `a`, `a and b`, `a, b and c`.
  static func list(_ items: [String]) -> String {
    guard let last = items.last else { return "" }
    return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " and " + last
  }
}
