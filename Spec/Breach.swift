/// How a step broke the spec: the harm, and a sentence saying which part of the contract.
public struct Breach: Sendable, Hashable {
  /// The harm kind.
  public let kind: ViolationKind
  /// What went wrong, in one sentence.
  public let message: String

  /// Creates a breach.
  public init(_ kind: ViolationKind, _ message: String) {
    self.kind = kind
    self.message = message
  }
}
