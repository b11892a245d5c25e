import THPEngine

/// A usage error: one line on stderr, exit 2.
struct UsageError: Error, CustomStringConvertible {
  let description: String
}

/// The parsed command line.
struct Arguments {
  var command = "check"
  var models: [String] = []
  var reverts: [String] = []
  var runs: Int? = nil
  var seed: UInt64 = 0
  var scheduler: SchedulerKind = .random
  var json = false
  var token: String? = nil
  var scenario: String? = nil
  var maxStates: Int = 2_000_000
  var preemptions: Int? = nil

  static let commands = ["check", "explore", "replay", "list", "bench"]

  /// Parses `argv` (without the program name).
  static func parse(_ argv: [String]) throws(UsageError) -> Arguments {
    var a = Arguments()
    var rest = argv[...]
    if let first = rest.first, !first.hasPrefix("-") {
      guard commands.contains(first) else {
        throw UsageError(
          description: "unknown command '\(first)'; commands: \(commands.joined(separator: ", "))")
      }
      a.command = first
      rest = rest.dropFirst()
    }
    func value(_ flag: String) throws(UsageError) -> String {
      guard let v = rest.first, !v.hasPrefix("--") else {
        throw UsageError(description: "\(flag) needs a value")
      }
      rest = rest.dropFirst()
      return v
    }
    func count(_ flag: String, _ text: String, max: Int) throws(UsageError) -> Int {
      guard let n = Int(text), n > 0, n <= max else {
        throw UsageError(
          description: "\(flag) takes a whole number from 1 to \(max), not '\(text)'")
      }
      return n
    }
    while let arg = rest.first {
      rest = rest.dropFirst()
      switch arg {
      case "--model": a.models.append(try value(arg))
      case "--revert": a.reverts.append(try value(arg))
      case "--runs": a.runs = try count(arg, try value(arg), max: 10_000_000)
      case "--seed":
        let v = try value(arg)
        guard let s = UInt64(v) else {
          throw UsageError(
            description: "--seed takes a whole number from 0 to \(UInt64.max), not '\(v)'")
        }
        a.seed = s
      case "--scheduler":
        let v = try value(arg)
        guard let k = SchedulerKind(rawValue: v) else {
          throw UsageError(description: "--scheduler takes random, pct or swarm, not '\(v)'")
        }
        a.scheduler = k
      case "--scenario": a.scenario = try value(arg)
      case "--max-states": a.maxStates = try count(arg, try value(arg), max: 2_000_000_000)
      case "--preemptions":
        let v = try value(arg)
        guard let n = Int(v), n >= 0, n <= 1000 else {
          throw UsageError(
            description: "--preemptions takes a whole number from 0 to 1000, not '\(v)'")
        }
        a.preemptions = n
      case "--json": a.json = true
      default:
        if a.command == "replay", a.token == nil, !arg.hasPrefix("-") {
          a.token = arg
        } else {
          throw UsageError(description: "unknown option '\(arg)' for \(a.command)")
        }
      }
    }
    if a.command == "replay" && a.token == nil {
      throw UsageError(description: "replay needs a token: thpcheck replay TOKEN [--json]")
    }
    return a
  }
}
