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

  init(name: String, reverted: [String] = [], era: AnyEra, retries: Int = 2, frames: Int = 5) {
    self.name = name
    self.reverted = reverted
    self.era = era
    roles = Role.allCases.filter { $0 != .device || era.hasDevice }
    self.retries = retries
    self.frames = frames
  }

  /// The roles this era can run, in scenario order.
  public var space: ScenarioSpace { ScenarioSpace(roles: roles.map(\.spec)) }

  /// The stories this model is known to show (``Catalog/catalogue(model:reverting:)``).
  public var catalogue: [KnownStory] { Catalog.catalogue(model: name, reverting: reverted) }

  /// The two tasks have equal roles, and so have the two scanners: a story told with task A
  /// migrating is the same story with task B migrating, and one told with the first scanner's
  /// pass is the same with the second's.
  public var actorSymmetries: [[String: String]] {
    [
      [Role.taskA.name: Role.taskB.name, Role.taskB.name: Role.taskA.name],
      [Role.scanner.name: Role.scanner2.name, Role.scanner2.name: Role.scanner.name],
      [
        Role.taskA.name: Role.taskB.name, Role.taskB.name: Role.taskA.name,
        Role.scanner.name: Role.scanner2.name, Role.scanner2.name: Role.scanner.name,
      ],
    ]
  }

  /// The model for one scenario.
  public func instantiate(_ scenario: Scenario) -> THPModel {
    // MADV_DONTNEED frees P0 for good (frames are never reused) and the range is populated
    // again: such scenarios get one more frame, so the refault does not starve migrations.
    let zaps = scenario.actors.contains { roles[$0.role] == .madvise }
    // Each scan pass beyond two (a third pass of the scanner, any pass of a second scanner) can
    // re-arm the PMD under an access once more, forcing one more hinting fault: it grants every
    // operation one more retry (the kernel retries without bound; the model bounds retries only
    // so that every run ends).
    func passes(_ role: Role) -> Int {
      scenario.actors.filter { roles[$0.role] == role }.reduce(0) { $0 + $1.operations.count }
    }
    let extraPasses = max(0, passes(.scanner) - 2) + passes(.scanner2)
    return THPModel(
      era: era, scenario: scenario, space: roles, retries: retries + extraPasses,
      frames: frames + (zaps ? 1 : 0))
  }
}
