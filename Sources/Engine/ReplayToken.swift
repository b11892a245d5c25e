/// A replay token: the model, the reverted fixes, the scenario and the schedule — never the
/// trace. `thp1:v4.20:7066f0f933a1:Aw,Sa,Dw:aabbc1...`
public struct ReplayToken: Sendable, Hashable, CustomStringConvertible {
  /// The format version this code reads and writes.
  public static let prefix = "thp1"

  /// The model's name.
  public var model: String
  /// The reverted fixes.
  public var reverted: [String]
  /// The scenario, as token text (parsed against the model's space on replay).
  public var scenario: String
  /// The schedule, as token text.
  public var schedule: String

  /// Creates a token.
  public init(model: String, reverted: [String], scenario: String, schedule: String) {
    self.model = model
    self.reverted = reverted
    self.scenario = scenario
    self.schedule = schedule
  }

  public var description: String {
    [
      Self.prefix, model, reverted.isEmpty ? "-" : reverted.joined(separator: "+"), scenario,
      schedule,
    ]
    .joined(separator: ":")
  }

  /// Why a token was refused.
  public enum ParseError: Error, CustomStringConvertible {
    case foreign(String)
    case malformed(String)
    public var description: String {
      switch self {
      case .foreign(let p):
        "not a thpcheck replay token (expected prefix \(ReplayToken.prefix):, got \(p))"
      case .malformed(let why): "malformed replay token: \(why)"
      }
    }
  }

  /// Parses a token.
  public static func parse(_ text: String) throws(ParseError) -> ReplayToken {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard let first = parts.first, first == prefix else {
      throw .foreign(String(parts.first ?? "").prefix(20).description)
    }
    guard parts.count == 5 else {
      throw .malformed("expected 5 fields separated by ':', got \(parts.count)")
    }
    guard !parts[1].isEmpty else { throw .malformed("no model name") }
    guard !parts[3].isEmpty else { throw .malformed("no scenario") }
    let reverted = parts[2] == "-" ? [] : parts[2].split(separator: "+").map(String.init)
    return ReplayToken(
      model: String(parts[1]), reverted: reverted, scenario: String(parts[3]),
      schedule: String(parts[4]))
  }
}
