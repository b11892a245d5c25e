/// One entry of a schedule: which actor steps next and, at a choice point, which outcome.
public struct Decision: Sendable, Hashable {
  /// The actor's index in the scenario.
  public var actor: UInt8
  /// The outcome chosen at a choice point (0 elsewhere).
  public var choice: UInt8

  /// Creates a decision.
  public init(actor: Int, choice: Int) {
    self.actor = UInt8(actor)
    self.choice = UInt8(choice)
  }
}

extension [Decision] {
  /// Token text: a letter per step (`a` = actor 0), followed by the choice digit when not 0.
  public var encoded: String {
    var s = ""
    s.reserveCapacity(count + count / 4)
    for d in self {
      s.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: "a") + d.actor))
      if d.choice > 0 { s += String(d.choice) }
    }
    return s
  }

  /// Parses token text; nil if malformed.
  public static func decode(_ text: Substring, actors: Int) -> [Decision]? {
    var out: [Decision] = []
    for c in text.unicodeScalars {
      if let v = c.properties.numericType != nil ? Int(String(c)) : nil {
        guard let last = out.last, last.choice == 0, v > 0 else { return nil }
        out[out.count - 1].choice = UInt8(v)
      } else {
        let a = Int(c.value) - Int(UInt8(ascii: "a"))
        guard a >= 0, a < actors else { return nil }
        out.append(Decision(actor: a, choice: 0))
      }
    }
    return out
  }

  /// How many times consecutive steps change actor.
  public var contextSwitches: Int {
    zip(self, dropFirst()).reduce(0) { $0 + ($1.0.actor != $1.1.actor ? 1 : 0) }
  }
}
