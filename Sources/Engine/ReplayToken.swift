/// A replay token: the model, the reverted fixes, the scenario and the schedule — never the
/// trace. `thp2:v4.20:7066f0f933a1:Aw,Sa,Dw:aabbc1...`
///
/// The version names the models' step semantics: a schedule is a list of steps, so when the
/// models' steps are split or merged, what a schedule means changes and the version goes up
/// (`thp2`: one shared access per step). Tokens of another version are refused.
public struct ReplayToken: Sendable, Hashable, CustomStringConvertible {
  /// The format version this code reads and writes.
  public static let prefix = "thp2"

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
    /// Not a thpcheck token at all: its first field, quoted.
    case foreign(String)
    /// A thpcheck token of another format version (`thp2`).
    case otherVersion(String)
    /// A thpcheck token of this version that is malformed: why.
    case malformed(String)
    public var description: String {
      switch self {
      case .foreign(let p):
        "not a thpcheck replay token (expected the prefix \(ReplayToken.prefix):, got \(p))"
      case .otherVersion(let v):
        "replay token of version \(v): its schedule counts the steps of other models; this"
          + " thpcheck reads \(ReplayToken.prefix) tokens (check again to get one)"
      case .malformed(let why): "malformed replay token: \(why)"
      }
    }
  }

  /// Parses a token: exactly five fields, none empty; the revert field is `-` for none, else
  /// fix ids joined by `+`, none empty. The scenario and schedule are checked against the model
  /// on replay.
  public static func parse(_ text: String) throws(ParseError) -> ReplayToken {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard let first = parts.first, first == prefix else {
      let head = parts.first ?? ""
      let digits = head.dropFirst(3)
      if head.count <= 8, head.hasPrefix("thp"), !digits.isEmpty,
        digits.allSatisfy({ $0.isASCII && $0.isNumber })
      {
        throw .otherVersion(String(head))
      }
      throw .foreign(Echo.quote(head, limit: 20))
    }
    guard parts.count == 5 else {
      throw .malformed("expected 5 fields separated by ':', got \(parts.count)")
    }
    guard !parts[1].isEmpty else { throw .malformed("no model name") }
    guard !parts[2].isEmpty else {
      throw .malformed("empty revert field (write - when no fix is reverted)")
    }
    guard !parts[3].isEmpty else { throw .malformed("no scenario") }
    guard !parts[4].isEmpty else { throw .malformed("no schedule") }
    var reverted: [String] = []
    if parts[2] != "-" {
      let ids = parts[2].split(separator: "+", omittingEmptySubsequences: false)
      guard !ids.contains(where: \.isEmpty) else {
        throw .malformed("an empty fix id in the revert field \(Echo.quote(parts[2]))")
      }
      reverted = ids.map(String.init)
    }
    return ReplayToken(
      model: String(parts[1]), reverted: reverted, scenario: String(parts[3]),
      schedule: String(parts[4]))
  }
}
