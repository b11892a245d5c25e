import THPEngine
import THPKernel

/// The help texts, generated from the command table (``Command``), the catalogue of models and
/// fixes, the models' scenario spaces (``ScenarioLetters``) and ``StandardScenarios``: a new
/// option, model, actor or operation appears here without editing this file.
enum Help {
  /// Lines are wrapped to this width.
  static let width = 100

  /// The text for `topic`.
  static func text(_ topic: HelpTopic) -> String {
    switch topic {
    case .overview: overview()
    case .command(let c): command(c)
    case .scenarios: scenarios().joined(separator: "\n")
    }
  }

  /// Everything: usage, commands, every option with its default, models and fixes, scenario
  /// letters and names, exit codes, examples.
  static func overview() -> String {
    var lines = [
      "thpcheck \(Version.number): checks models of Linux THP NUMA migration, era by era, "
        + "against an abstract spec.",
      "",
      "Usage:",
    ]
    lines += Command.allCases.map { "  thpcheck " + $0.usage }
    lines.append("  thpcheck --help | -h | --version")
    lines += ["", "Commands:"]
    lines += table(Command.allCases.map { [$0.rawValue, $0.summary] }, indent: 2)
    for c in Command.allCases where !c.options.isEmpty {
      lines += ["", "Options of \(c.rawValue):"] + options(c)
    }
    lines += [""] + catalogue()
    lines += [""] + scenarios()
    lines += [""] + exitCodes()
    lines += ["", "Examples:"]
    lines += examples(
      [
        Command.check.examples[0], Command.check.examples[2], Command.explore.examples[0],
        Command.replay.examples[0],
      ])
    lines += [
      "",
      "--help or -h after a command, or help COMMAND, shows that command alone. The JSON output,",
      "the options and the exit codes are a contract: Spec/THPSpec.docc/CommandLine.md.",
    ]
    return lines.joined(separator: "\n")
  }

  /// One command: usage, what it does, its options, what it reads, exit codes, examples.
  static func command(_ c: Command) -> String {
    var lines = ["Usage: thpcheck " + c.usage, ""] + wrap(c.summary, indent: 0)
    if !c.options.isEmpty { lines += ["", "Options:"] + options(c) }
    switch c {
    case .check, .explore: lines += [""] + catalogue() + [""] + scenarios()
    case .replay:
      lines +=
        [""]
        + wrap(
          "TOKEN is the replay line a counterexample prints (\(ReplayToken.prefix):MODEL:"
            + "REVERTS:SCENARIO:SCHEDULE, - for no revert); it must replay exactly: every "
            + "schedule entry applies, and none is left when the run ends.", indent: 0)
    case .help:
      lines += [
        "",
        "Topics: " + Command.allCases.map(\.rawValue).joined(separator: ", ")
          + ", scenarios",
      ]
    case .list, .bench: break
    }
    if c != .help { lines += [""] + exitCodes() }
    lines += ["", "Examples:"] + examples(c.examples)
    return lines.joined(separator: "\n")
  }

  /// Every option of `c`, with its default.
  static func options(_ c: Command) -> [String] {
    table(
      c.options.map { o in
        [o.spelled, o.summary + (o.defaultText.map { " (default: \($0))" } ?? "")]
      }, indent: 2)
  }

  /// The models and the fixes, from the catalogue.
  static func catalogue() -> [String] {
    ["Models (--model NAME):"]
      + wrap(Catalog.models.map(\.name).joined(separator: ", "), indent: 2)
      + ["Fixes revertible from v4.20 (--revert FIX):"]
      + wrap(
        Catalog.fixes.map { "\($0.id) (seed \($0.seed.prefix(3)))" }.joined(separator: ", "),
        indent: 2)
      + ["Defences revertible from v6.12 (--revert FIX):"]
      + wrap(
        Catalog.v6Reverts.map { "\($0.id) (seed \($0.seed.prefix(3)))" }.joined(separator: ", "),
        indent: 2)
  }

  /// The scenario letters of every model, their limits and which models have them, and the
  /// standard names.
  static func scenarios() -> [String] {
    var lines = ["Scenarios (--scenario NAME|LETTERS, for check and explore):"]
    lines += wrap(
      "LETTERS: one group per actor, its letter then one letter per operation, groups "
        + "separated by commas (Awr,Bw,Saa). Each actor at most once, with at least one "
        + "operation and at most its limit.", indent: 2)
    let rows = ScenarioLetters.rows
    lines += table(
      [["letter", "actor", "operations", "limit", "models"]]
        + rows.map { row in
          [
            String(row.role.letter), row.role.name,
            row.role.operations.map { op in
              String(op) + (row.meaning(of: op).map { " " + $0 } ?? "")
            }.joined(separator: ", "),
            String(row.role.maxOperations), models(row.models),
          ]
        }, indent: 2)
    for row in rows {
      if let origin = row.origin {
        lines += wrap(
          "\(row.role.letter) (\(row.role.name)) only in \(models(row.models)): \(origin).",
          indent: 2)
      }
    }
    lines.append("  NAME, a standard scenario:")
    let spaces = ScenarioLetters.spaces
    lines += table(
      StandardScenarios.all.map { s in
        let fits = spaces.filter { Scenario(encoded: Substring(s.letters), in: $0.space) != nil }
        let only = fits.count == spaces.count ? "" : "; \(models(fits.map(\.model))) only"
        return [
          s.name + (s.name == StandardScenarios.defaultName ? "*" : ""), s.letters,
          s.summary + only,
        ]
      }, indent: 4)
    lines.append("    * explore's default")
    return lines
  }

  /// `all`, `v4.14 and later` (the newest models of the catalogue), or the list.
  static func models(_ names: [String]) -> String {
    let all = Catalog.models.map(\.name)
    if names == all { return "all" }
    if let first = names.first, Array(all.drop { $0 != first }) == names {
      return "\(first) and later"
    }
    return names.joined(separator: ", ")
  }

  /// The exit codes.
  static func exitCodes() -> [String] {
    ["Exit codes:"]
      + table(
        [
          ["0", "every verdict equals its expectation (help, list, --version: done)"],
          ["1", "some verdict differs from its expectation (kernel history)"],
          [
            "2",
            "bad usage: an unknown, repeated or misplaced option, a bad value, a refused "
              + "model/revert pair or scenario, a malformed or inexact token; or the output "
              + "could not be written. One line on stderr says which.",
          ],
        ], indent: 2)
  }

  /// Examples, each command then what it does.
  static func examples(_ items: [(String, String)]) -> [String] {
    items.flatMap { command, what in ["  " + command] + wrap(what, indent: 6) }
  }

  /// Rows as columns (every column but the last padded to its widest cell), the last column
  /// wrapped at spaces to ``width``.
  static func table(_ rows: [[String]], indent: Int) -> [String] {
    guard let columns = rows.map(\.count).max(), columns > 0 else { return [] }
    let widths = (0..<columns - 1).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0
    }
    let lead = indent + widths.reduce(0) { $0 + $1 + 2 }
    return rows.flatMap { row -> [String] in
      var head = String(repeating: " ", count: indent)
      for c in 0..<columns - 1 {
        let cell = c < row.count ? row[c] : ""
        head += cell + String(repeating: " ", count: widths[c] - cell.count + 2)
      }
      let last = row.count == columns ? row[columns - 1] : ""
      let body = WordWrap.lines(last, width: max(width - lead, 30))
      return [(head + (body.first ?? "")).trimmingTrailingSpaces()]
        + body.dropFirst().map { String(repeating: " ", count: lead) + $0 }
    }
  }

  /// `text` wrapped at spaces to ``width``, every line indented by `indent`.
  static func wrap(_ text: String, indent: Int) -> [String] {
    WordWrap.lines(text, width: width - indent).map {
      String(repeating: " ", count: indent) + $0
    }
  }
}
