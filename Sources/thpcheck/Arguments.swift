import Foundation
import THPEngine

/// A usage error: one line on stderr, exit 2.
struct UsageError: Error, CustomStringConvertible {
  let description: String
}

/// What the command line asks for.
enum Invocation {
  /// Run a command.
  case run(Arguments)
  /// Print help.
  case help(HelpTopic)
  /// Print the version.
  case version
}

/// What `help` is asked about.
enum HelpTopic: Equatable {
  /// Everything: every command, option, scenario letter, exit code.
  case overview
  /// One command.
  case command(Command)
  /// The scenario letters and standard names.
  case scenarios
}

/// The parsed options of a command. Strict: a command takes only its own options
/// (``Command/options``), each once unless repeatable, and a repeated `--model` names distinct
/// models.
struct Arguments {
  var command = Command.check
  var models: [String] = []
  var reverts: [String] = []
  var runs: Int? = nil
  var seed: UInt64 = 0
  var scheduler: SchedulerKind = .random
  var json = false
  var token: String? = nil
  var scenario: String? = nil
  var maxStates: Int = Arguments.defaultMaxStates
  var preemptions: Int? = nil
  var stories: String? = nil
  var threads: Int? = nil
  var quiet = false
  var big = false
  var noReduction = false
  var memoryGB: Int? = nil

  /// Threads when `--threads` is not given: every core.
  var threadCount: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }

  /// The most runs `--runs` takes.
  static let maxRuns = 10_000_000
  /// The most states `--max-states` takes.
  static let maxStates = 2_000_000_000
  /// `explore`'s default `--max-states`.
  static let defaultMaxStates = 20_000_000

  /// Parses `argv` (without the program name).
  static func parse(_ argv: [String]) throws(UsageError) -> Invocation {
    // --help and --version win wherever they are: `check --runs 5 --help` is check's help.
    let first = argv.first.flatMap { $0.hasPrefix("-") ? nil : $0 }
    if let flag = argv.first(where: { ["--help", "-h", "--version"].contains($0) }) {
      if flag == "--version" { return .version }
      guard let first else { return .help(.overview) }
      guard let command = Command(rawValue: first) else { throw unknownCommand(first) }
      if command == .help {
        return .help(try topic(Array(argv.dropFirst()).filter { !$0.hasPrefix("-") }))
      }
      return .help(.command(command))
    }
    var rest = argv[...]
    var a = Arguments()
    if let first {
      guard let command = Command(rawValue: first) else { throw unknownCommand(first) }
      a.command = command
      rest = rest.dropFirst()
    }
    if a.command == .help { return .help(try topic(Array(rest))) }
    try a.read(rest)
    if a.command == .replay && a.token == nil {
      throw UsageError(description: "replay needs a token: thpcheck replay TOKEN [--json]")
    }
    if a.command == .explore && a.models.isEmpty {
      throw UsageError(description: "explore needs --model NAME (models: thpcheck list)")
    }
    return .run(a)
  }

  /// The topic of `help ARGS`.
  static func topic(_ args: [String]) throws(UsageError) -> HelpTopic {
    guard let word = args.first else { return .overview }
    guard args.count == 1 else {
      throw UsageError(
        description: "help takes one topic (a command, or scenarios), not \(args.count)")
    }
    if word == "scenarios" { return .scenarios }
    guard let command = Command(rawValue: word) else {
      throw UsageError(
        description: "no help on \(Echo.quote(word)); topics: "
          + Command.allCases.map(\.rawValue).joined(separator: ", ") + ", scenarios")
    }
    return command == .help ? .overview : .command(command)
  }

  static func unknownCommand(_ word: String) -> UsageError {
    UsageError(
      description: "unknown command \(Echo.quote(word)); commands: "
        + Command.allCases.map(\.rawValue).joined(separator: ", ")
        + " (thpcheck --help)")
  }

  /// Reads the options after the command word.
  private mutating func read(_ args: ArraySlice<String>) throws(UsageError) {
    var rest = args
    var given: Set<String> = []
    let options = command.options
    while let arg = rest.first {
      rest = rest.dropFirst()
      guard arg.hasPrefix("-"), arg != "-" else {
        guard command == .replay, token == nil else {
          throw UsageError(
            description: command == .replay
              ? "replay takes one token; unexpected \(Echo.quote(arg))"
              : "unexpected argument \(Echo.quote(arg)) for \(command.rawValue)"
                + " (options start with --; thpcheck help \(command.rawValue))")
        }
        token = arg
        continue
      }
      // `--runs=5` is `--runs 5`.
      var name = arg
      var inline: String? = nil
      if arg.hasPrefix("--"), let eq = arg.firstIndex(of: "=") {
        name = String(arg[..<eq])
        inline = String(arg[arg.index(after: eq)...])
      }
      guard let option = options.first(where: { $0.name == name }) else {
        throw notTaken(name)
      }
      if given.contains(name) && !option.repeatable {
        throw UsageError(
          description: "\(name) given twice"
            + (name == "--revert" ? "; one fix is reverted at a time" : "")
            + (name == "--model" ? "; \(command.rawValue) takes one model" : ""))
      }
      given.insert(name)
      guard option.value != nil else {
        if inline != nil { throw UsageError(description: "\(name) takes no value") }
        try set(name, "")
        continue
      }
      if let inline {
        try set(name, inline)
      } else {
        // A value may start with one dash (a negative number is refused by its own check), not two.
        guard let v = rest.first, !v.hasPrefix("--") else {
          throw UsageError(description: "\(option.spelled) needs a value")
        }
        rest = rest.dropFirst()
        try set(name, v)
      }
    }
  }

  /// The refusal of an option this command does not take.
  private func notTaken(_ name: String) -> UsageError {
    let mine = command.options.map(\.name)
    let takes =
      mine.isEmpty
      ? "\(command.rawValue) takes no options"
      : "\(command.rawValue) takes " + mine.joined(separator: ", ")
    let owners = Command.allCases.filter { $0.options.contains { $0.name == name } }
    if !owners.isEmpty {
      return UsageError(
        description: "\(command.rawValue) does not take \(name) (an option of "
          + owners.map(\.rawValue).joined(separator: " and ") + "); " + takes)
    }
    return UsageError(description: "unknown option \(Echo.quote(name)); \(takes)")
  }

  /// Sets one option from its value.
  private mutating func set(_ name: String, _ v: String) throws(UsageError) {
    switch name {
    case "--model":
      guard !models.contains(v) else {
        throw UsageError(description: "model \(Echo.quote(v)) named twice")
      }
      models.append(v)
    case "--revert": reverts.append(v)
    case "--runs": runs = try Self.count(name, v, from: 1, to: Self.maxRuns)
    case "--seed":
      guard let s = UInt64(v) else {
        throw UsageError(
          description: "--seed takes a whole number from 0 to \(UInt64.max), not \(Echo.quote(v))")
      }
      seed = s
    case "--scheduler":
      guard let k = SchedulerKind(rawValue: v) else {
        throw UsageError(
          description: "--scheduler takes "
            + SchedulerKind.allCases.map(\.rawValue).joined(separator: ", ")
            + ", not \(Echo.quote(v))")
      }
      scheduler = k
    case "--scenario":
      guard !v.isEmpty else {
        throw UsageError(description: "--scenario needs a standard name or scenario letters")
      }
      scenario = v
    case "--max-states": maxStates = try Self.count(name, v, from: 1, to: Self.maxStates)
    case "--preemptions": preemptions = try Self.count(name, v, from: 0, to: 1000)
    case "--stories":
      guard !v.isEmpty else {
        throw UsageError(description: "--stories needs all or a catalogue entry's id")
      }
      stories = v
    case "--json": json = true
    case "--threads": threads = try Self.count(name, v, from: 1, to: 64)
    case "--quiet": quiet = true
    case "--big": big = true
    case "--no-reduction": noReduction = true
    case "--memory": memoryGB = try Self.count(name, v, from: 1, to: 1024)
    default: throw UsageError(description: "unknown option \(Echo.quote(name))")
    }
  }

  /// A whole number in `from...to`, or a refusal that says the range.
  private static func count(_ flag: String, _ text: String, from: Int, to: Int) throws(UsageError)
    -> Int
  {
    guard let n = Int(text), n >= from, n <= to else {
      throw UsageError(
        description:
          "\(flag) takes a whole number from \(from) to \(to.grouped), not \(Echo.quote(text))")
    }
    return n
  }
}
