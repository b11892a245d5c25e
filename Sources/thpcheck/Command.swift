import THPEngine
import THPKernel

/// One option a command takes: how it is spelled, what it does, its default. The parser accepts
/// exactly these, and the help lists exactly these.
struct OptionSpec: Sendable {
  /// The option (`--runs`).
  let name: String
  /// The value's placeholder (`N`), or nil for a flag.
  let value: String?
  /// What it does, one phrase.
  let summary: String
  /// Its default, or nil for a flag (off unless given).
  let defaultText: String?
  /// Whether it may be given more than once (with distinct values).
  var repeatable = false

  /// `--runs N`.
  var spelled: String { value.map { "\(name) \($0)" } ?? name }
}

/// The subcommands, with their options, for the parser and the help alike.
enum Command: String, CaseIterable, Sendable {
  case check, explore, replay, list, bench, help

  /// What the command does, one sentence.
  var summary: String {
    switch self {
    case .check:
      "Check models against the spec with random guided runs; compare verdicts with kernel history."
    case .explore: "Visit every interleaving of one bounded scenario of one model, breadth-first."
    case .replay: "Re-run a counterexample from its replay token (exact: every entry must apply)."
    case .list: "List the models, the revertible fixes, the spec's actions and the harm kinds."
    case .bench:
      "Measure steps per second, time to counterexample and one exploration (release build)."
    case .help: "Show this help, a command's (help COMMAND), or the scenario letters."
    }
  }

  /// The usage line, without `thpcheck `.
  var usage: String {
    switch self {
    case .check: "[check] [--model NAME]... [--revert FIX] [--runs N] [--seed S] [OPTIONS]"
    case .explore: "explore --model NAME [--revert FIX] [--scenario NAME|LETTERS] [OPTIONS]"
    case .replay: "replay TOKEN [--json]"
    case .list: "list [--json]"
    case .bench: "bench [--runs N] [--big] [--json]"
    case .help: "help [COMMAND | scenarios]"
    }
  }

  /// The options it takes, in the order the help lists them.
  var options: [OptionSpec] {
    let json = OptionSpec(
      name: "--json", value: nil, summary: "print the result as one JSON document",
      defaultText: nil)
    let revert = OptionSpec(
      name: "--revert", value: "FIX",
      summary: "take this fix out of its model (one of the Fixes below)",
      defaultText: "none")
    let threads = OptionSpec(
      name: "--threads", value: "N",
      summary: "threads to run on, 1 to 64 (the output does not depend on it)",
      defaultText: "every core")
    let quiet = OptionSpec(
      name: "--quiet", value: nil,
      summary: "no progress line on stderr (shown only when stderr is a terminal)",
      defaultText: nil)
    switch self {
    case .check:
      return [
        OptionSpec(
          name: "--model", value: "NAME", summary: "a model to check; repeat for several",
          defaultText: "every model, and every fix reverted from its model", repeatable: true),
        revert,
        OptionSpec(
          name: "--runs", value: "N",
          summary: "random runs per model, 1 to \(Arguments.maxRuns.grouped)",
          defaultText: Commands.defaultRuns.grouped),
        OptionSpec(
          name: "--seed", value: "S",
          summary: "the seed, 0 to 2^64-1: the same seed gives the same output", defaultText: "0"),
        OptionSpec(
          name: "--scheduler", value: "random|pct|swarm",
          summary:
            "how schedules are drawn (pct: priority change points; swarm: random actor subsets)",
          defaultText: SchedulerKind.random.rawValue),
        OptionSpec(
          name: "--scenario", value: "NAME|LETTERS",
          summary: "the same actors in every run (one model only; see Scenarios)",
          defaultText: "drawn per run; a revert runs on its seed's own actors"),
        threads, quiet, json,
      ]
    case .explore:
      return [
        OptionSpec(
          name: "--model", value: "NAME", summary: "the model to explore (required)",
          defaultText: nil),
        revert,
        OptionSpec(
          name: "--scenario", value: "NAME|LETTERS",
          summary: "the bounded scenario (see Scenarios)",
          defaultText: StandardScenarios.defaultName),
        OptionSpec(
          name: "--max-states", value: "N",
          summary:
            "stop, inconclusive, after N distinct states, 1 to \(Arguments.maxStates.grouped)",
          defaultText: Arguments.defaultMaxStates.grouped),
        OptionSpec(
          name: "--memory", value: "GB",
          summary:
            "stop, inconclusive, after the level at which resident memory passes GB gigabytes, 1 to 1024",
          defaultText: "no limit"),
        OptionSpec(
          name: "--preemptions", value: "N",
          summary: "at most N switches away from an actor that could still step, 0 to 1000",
          defaultText: "unbounded"),
        OptionSpec(
          name: "--stories", value: "all|ID",
          summary:
            "go on past failures: collect every distinct story (all), or look for one catalogue entry",
          defaultText: "stop at the first failure"),
        OptionSpec(
          name: "--no-reduction", value: nil,
          summary:
            "visit the two tasks' mirror states too (symmetry reduction off: same verdict, more states)",
          defaultText: nil),
        threads, quiet, json,
      ]
    case .replay: return [json]
    case .list: return [json]
    case .bench:
      return [
        OptionSpec(
          name: "--runs", value: "N",
          summary: "runs of the one-core throughput measurement, 1 to \(Arguments.maxRuns.grouped)",
          defaultText: Commands.defaultRuns.grouped),
        OptionSpec(
          name: "--big", value: nil,
          summary:
            "also explore the large scenarios (Aww,Bww,Saa,Dww,Gp and Saaa, v4.20 and v5.14, with and without reduction), each to its end or to \(Commands.bigMaxStates.grouped) states; about twenty minutes, up to 8 GB",
          defaultText: nil),
        json,
      ]
    case .help: return []
    }
  }

  /// Two or three examples, each with what it does.
  var examples: [(String, String)] {
    switch self {
    case .check:
      [
        ("thpcheck", "check every model and every revert; print the history table"),
        ("thpcheck check --model v4.20 --runs 5000 --json", "one model, as JSON"),
        (
          "thpcheck check --model v4.20 --revert 7066f0f933a1 --scenario device",
          "seed 004's fix taken out, on its own actors"
        ),
      ]
    case .explore:
      [
        ("thpcheck explore --model v4.20 --scenario aba", "every interleaving: holds, complete"),
        (
          "thpcheck explore --model v4.20 --revert 3c226c637b69",
          "the shortest use-after-free of seed 001"
        ),
        (
          "thpcheck explore --model v4.14 --scenario Aw,Sa,Dw --preemptions 2 --json",
          "bounded preemptions, as JSON"
        ),
        (
          "thpcheck explore --model v4.20 --scenario zap --stories all",
          "every story, shortest each"
        ),
      ]
    case .replay:
      [
        ("thpcheck replay TOKEN", "the race diagram of a token (the replay line check prints)"),
        ("thpcheck replay TOKEN --json", "the same run as check's JSON, with one result"),
      ]
    case .list:
      [("thpcheck list", "models, fixes, actions, harms"), ("thpcheck list --json", "as JSON")]
    case .bench:
      [
        ("swift build -c release && .build/release/thpcheck bench", "measure the release build"),
        ("thpcheck bench --runs 5000 --json", "a shorter throughput run, as JSON"),
      ]
    case .help:
      [
        ("thpcheck help check", "the options of check"),
        ("thpcheck help scenarios", "the scenario letters and standard names"),
      ]
    }
  }

  /// Whether the command takes a `--scenario`.
  var takesScenario: Bool { options.contains { $0.name == "--scenario" } }
}

extension Int {
  /// `20,000`.
  var grouped: String {
    let digits = String(magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
      out.append(c)
    }
    return (self < 0 ? "-" : "") + out
  }
}
