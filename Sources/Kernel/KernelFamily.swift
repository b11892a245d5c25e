import THPEngine

/// One kernel model (an era, possibly with a fix reverted) as the engine runs it.
public struct KernelFamily: ModelFamily {
  /// The model's name (`v4.20`).
  public let name: String
  /// Fixes reverted from it.
  public let reverted: [String]
  let era: AnyEra
  let roles: [Role]
  /// Fault retries per operation.
  let retries: Int
  /// Frames the allocator can hand out.
  let frames: Int

  init(name: String, reverted: [String] = [], era: AnyEra, retries: Int = 2, frames: Int = 3) {
    self.name = name
    self.reverted = reverted
    self.era = era
    roles = Role.allCases.filter { $0 != .device || era.hasDevice }
    self.retries = retries
    self.frames = frames
  }

  /// The roles this era can run, in scenario order.
  public var space: ScenarioSpace { ScenarioSpace(roles: roles.map(\.spec)) }

  /// The model for one scenario.
  public func instantiate(_ scenario: Scenario) -> THPModel {
    THPModel(era: era, scenario: scenario, space: roles, retries: retries, frames: frames)
  }
}
