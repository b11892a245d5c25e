// PLACEHOLDER: to be replaced by the era's real model (issue 3).

/// Placeholder for the era's model.
struct Linux3_13: Era {
  /// Which kernel state of this era.
  enum Variant: Sendable, Hashable { case rc1, release }
  let variant: Variant
  var hasDevice: Bool { false }
  var numaFaultEntry: UInt8 { 64 }
  func entry(for role: Role) -> UInt8 { Shared.done.rawValue }
  func step(_ w: inout World, _ c: Ctx, choice: Int, _ fx: inout Fx) { w.faultReturns(c, self) }
  func wait(_ pc: UInt8, _ w: World, _ c: Ctx) -> Wait { .nothing }
  func choices(_ pc: UInt8, _ w: World, _ c: Ctx) -> Int { 1 }
}
