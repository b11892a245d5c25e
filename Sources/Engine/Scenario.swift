/// A kind of actor a model can run, with the operations it may do.
public struct RoleSpec: Sendable, Hashable {
  /// The actor's name, as diagrams print it (`task A`, `scanner`, ...).
  public var name: String
  /// The letter that names the role in a replay token.
  public var letter: Character
  /// The letter of each kind of operation (e.g. `r` and `w` for a task's reads and writes).
  public var operations: [Character]
  /// The most operations the role does in one scenario.
  public var maxOperations: Int

  /// Creates a role.
  public init(name: String, letter: Character, operations: [Character], maxOperations: Int) {
    self.name = name
    self.letter = letter
    self.operations = operations
    self.maxOperations = maxOperations
  }
}

/// The scenarios a model can run: its roles, in a fixed order.
public struct ScenarioSpace: Sendable, Hashable {
  /// The roles, in the order actors appear in a scenario.
  public var roles: [RoleSpec]

  /// Creates a space.
  public init(roles: [RoleSpec]) { self.roles = roles }

  /// The role with a given name.
  public func role(named name: String) -> Int? { roles.firstIndex { $0.name == name } }
}

/// One actor of a scenario: its role and its operations.
public struct ActorPlan: Sendable, Hashable {
  /// Index into the space's roles.
  public var role: Int
  /// The operations, each an index into the role's operation letters.
  public var operations: [UInt8]

  /// Creates a plan.
  public init(role: Int, operations: [UInt8]) {
    self.role = role
    self.operations = operations
  }
}

/// Which actors run and what each does. Actors are ordered by role.
public struct Scenario: Sendable, Hashable {
  /// The actors.
  public var actors: [ActorPlan]

  /// Creates a scenario; actors are kept in role order.
  public init(actors: [ActorPlan]) {
    self.actors = actors.sorted { $0.role < $1.role }
  }

  /// Total number of operations.
  public var operationCount: Int { actors.reduce(0) { $0 + $1.operations.count } }

  /// The scenario as token text: `Awrw,Saa,Dw` (role letter, then operation letters).
  public func encoded(in space: ScenarioSpace) -> String {
    actors.map { plan in
      let role = space.roles[plan.role]
      return String(role.letter) + String(plan.operations.map { role.operations[Int($0)] })
    }.joined(separator: ",")
  }

  /// Parses token text; nil when it does not fit the space (``parse(_:in:)`` says why).
  public init?(encoded text: Substring, in space: ScenarioSpace) {
    guard let scenario = try? Scenario.parse(text, in: space) else { return nil }
    self = scenario
  }

  /// Parses token text such as `Awrw,Saa,Dw`: one group per actor, its role's letter then one
  /// letter per operation, groups separated by commas. Throws the first reason the text does
  /// not fit the space, reading left to right: an empty text or group, a letter the space has no
  /// role for, a role named twice, an operation the role does not do, more operations than the
  /// role's limit, or a role with no operation at all.
  public static func parse(_ text: Substring, in space: ScenarioSpace) throws(ScenarioError)
    -> Scenario
  {
    guard !text.isEmpty else { throw .empty }
    var plans: [ActorPlan] = []
    for (position, part) in text.split(separator: ",", omittingEmptySubsequences: false)
      .enumerated()
    {
      guard let letter = part.first else { throw .emptyGroup(position: position) }
      guard let role = space.roles.firstIndex(where: { $0.letter == letter }) else {
        throw .unknownRole(letter, known: space.roles.map(\.letter))
      }
      let spec = space.roles[role]
      guard !plans.contains(where: { $0.role == role }) else { throw .repeatedRole(spec) }
      var ops: [UInt8] = []
      for c in part.dropFirst() {
        guard let op = spec.operations.firstIndex(of: c) else {
          throw .unknownOperation(spec, c)
        }
        ops.append(UInt8(op))
      }
      guard ops.count <= spec.maxOperations else {
        throw .tooManyOperations(spec, count: ops.count)
      }
      guard !ops.isEmpty else { throw .noOperation(spec) }
      plans.append(ActorPlan(role: role, operations: ops))
    }
    return Scenario(actors: plans)
  }
}
