/// The names of the spec's actions. A concrete step names the one it performs, or none (a stutter).
public enum ActionName: String, CaseIterable, Sendable, Hashable {
  case armHinting, clearHinting
  case fillTranslation, dropTranslations, pin, unpin
  case write, read
  case beginMigration, commitMigration, endMigration
  case countIsolated, uncountIsolated
  case zap, populate

  /// The action's position in `allCases` (coverage counters are indexed by it), without
  /// building the `allCases` array.
  @inlinable
  public var index: Int {
    switch self {
    case .armHinting: 0
    case .clearHinting: 1
    case .fillTranslation: 2
    case .dropTranslations: 3
    case .pin: 4
    case .unpin: 5
    case .write: 6
    case .read: 7
    case .beginMigration: 8
    case .commitMigration: 9
    case .endMigration: 10
    case .countIsolated: 11
    case .uncountIsolated: 12
    case .zap: 13
    case .populate: 14
    }
  }
}

/// An action with its parameters: what one concrete step claims to do to the abstract state.
public struct Transition: Hashable, Sendable, CustomStringConvertible {
  /// Which action.
  public var action: ActionName
  /// The agents it concerns (one for fills, writes and reads; several for a flush).
  public var agents: AgentSet
  /// The value it carries: the id written or read, or the node a commit or populate places the
  /// page on.
  public var value: UInt8

  /// Creates a transition.
  @inlinable
  public init(_ action: ActionName, agents: AgentSet = [], value: UInt8 = 0) {
    self.action = action
    self.agents = agents
    self.value = value
  }

  /// The first agent named, for actions about one agent.
  @inlinable
  public var agent: Agent {
    Agent(rawValue: UInt8(agents.rawValue.trailingZeroBitCount)) ?? .taskA
  }

  public var description: String {
    switch action {
    case .write: "write(\(agent), w\(value))"
    case .read: "read(\(agent)) = w\(value)"
    case .fillTranslation, .pin, .unpin: "\(action.rawValue)(\(agent))"
    case .dropTranslations:
      "dropTranslations("
        + Agent.allCases.filter { agents.has($0) }.map(\.description)
        .joined(separator: ", ") + ")"
    case .commitMigration, .populate: "\(action.rawValue)(node \(value))"
    default: action.rawValue
    }
  }
}

extension Transition {
  /// `write(agent, id)`.
  @inlinable
  public static func write(_ agent: Agent, _ id: UInt8) -> Transition {
    Transition(.write, agents: AgentSet(agent), value: id)
  }
  /// `read(agent) = id`.
  @inlinable
  public static func read(_ agent: Agent, _ id: UInt8) -> Transition {
    Transition(.read, agents: AgentSet(agent), value: id)
  }
  /// `fillTranslation(agent)`.
  @inlinable
  public static func fill(_ agent: Agent) -> Transition {
    Transition(.fillTranslation, agents: AgentSet(agent))
  }
  /// `dropTranslations(agents)`.
  @inlinable
  public static func drop(_ agents: AgentSet) -> Transition {
    Transition(.dropTranslations, agents: agents)
  }
  /// `commitMigration(node)`.
  @inlinable
  public static func commit(toNode node: UInt8) -> Transition {
    Transition(.commitMigration, value: node)
  }
  /// `populate(node)`.
  @inlinable
  public static func populate(onNode node: UInt8) -> Transition {
    Transition(.populate, value: node)
  }
  /// `pin(agent)` or `unpin(agent)`.
  @inlinable
  public static func pin(_ agent: Agent, _ on: Bool = true) -> Transition {
    Transition(on ? .pin : .unpin, agents: AgentSet(agent))
  }
  /// An action without parameters.
  @inlinable
  public static func plain(_ action: ActionName) -> Transition { Transition(action) }
}
