import THPSpec

/// A committed counterexample: a replay token with the harm and the story it must reproduce.
/// Printed by `thpcheck check` under each diagram as a line to paste into the test corpus.
public struct RegressionCase: Sendable, CustomStringConvertible {
  /// The model (and revert) it refutes, for the test's name.
  public let name: String
  /// The story it tells: a catalogue entry's id, or where the harm happened for a new one.
  public let story: String
  /// The harm the replay must reproduce.
  public let kind: ViolationKind
  /// The trace length the replay must reproduce.
  public let steps: Int
  /// The replay token.
  public let token: String

  /// Creates a case.
  public init(_ name: String, story: String, kind: ViolationKind, steps: Int, token: String) {
    self.name = name
    self.story = story
    self.kind = kind
    self.steps = steps
    self.token = token
  }

  /// The case as Swift source for the corpus (`Tests/THPCheckTests/RegressionCorpus.swift`).
  public var swiftSource: String {
    ".init(\"\(name)\", story: \"\(story)\", kind: .\(kind.caseName), steps: \(steps),"
      + " token: \"\(token)\"),"
  }

  public var description: String { "\(name): \(story)" }
}

extension ViolationKind {
  /// The Swift case name (`lostWrite` for `lost-write`).
  public var caseName: String {
    let parts = rawValue.split(separator: "-")
    return parts.enumerated().map { i, p in
      i == 0 ? String(p) : p.prefix(1).uppercased() + p.dropFirst()
    }
    .joined()
  }
}
