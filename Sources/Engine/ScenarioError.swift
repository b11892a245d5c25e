/// Why a scenario text does not fit a model's ``ScenarioSpace``: the real cause, in one line.
public enum ScenarioError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The text is empty.
  case empty
  /// A group between commas is empty (two commas in a row, or one at an end); `position`
  /// counts groups from 0.
  case emptyGroup(position: Int)
  /// No role of the space has this letter; `known` are the letters it has.
  case unknownRole(Character, known: [Character])
  /// The role appears in two groups.
  case repeatedRole(RoleSpec)
  /// The role has no operation with this letter.
  case unknownOperation(RoleSpec, Character)
  /// More operations than the role's ``RoleSpec/maxOperations``.
  case tooManyOperations(RoleSpec, count: Int)
  /// The role's group names no operation: the actor would do nothing.
  case noOperation(RoleSpec)

  public var description: String {
    switch self {
    case .empty:
      "the scenario is empty: give one group per actor, such as Aw,Sa"
    case .emptyGroup(let position):
      "group \(position + 1) of the scenario is empty (two commas in a row, or one at an end)"
    case .unknownRole(let letter, let known):
      "no actor has the letter '\(Echo.escaped(letter))'; actor letters: "
        + known.map(String.init).joined(separator: ", ")
    case .repeatedRole(let role):
      "\(role.name) (\(role.letter)) appears twice: give each actor once, with all its "
        + "operations in one group (such as \(Self.example(role, operations: 2)))"
    case .unknownOperation(let role, let op):
      "\(role.name) (\(role.letter)) has no operation '\(Echo.escaped(op))'; its operations: "
        + role.operations.map(String.init).joined(separator: ", ")
        + (op.isUppercase ? " (actors are separated by commas: Aw,Sa)" : "")
    case .tooManyOperations(let role, let count):
      "\(role.name) (\(role.letter)) does at most \(role.maxOperations) operation"
        + (role.maxOperations == 1 ? "" : "s") + ", not \(count)"
    case .noOperation(let role):
      "\(role.name) (\(role.letter)) has no operation: give it at least one, "
        + "such as \(Self.example(role, operations: 1))"
    }
  }

  /// A group for `role` with up to `operations` operations (its first operation repeated).
  static func example(_ role: RoleSpec, operations: Int) -> String {
    let op = role.operations.first.map { String($0) } ?? ""
    return String(role.letter) + String(repeating: op, count: min(operations, role.maxOperations))
  }
}
