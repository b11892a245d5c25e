/// Every era the models implement, as one value: the model dispatches its era steps here.
enum AnyEra: Era {
  case linux3_8(Linux3_8)
  case linux3_13(Linux3_13)
  case linux4(Linux4)
  case linux5_14(Linux5_14)
  case linux6_12(Linux6_12)

  private var era: any Era {
    switch self {
    case .linux3_8(let e): e
    case .linux3_13(let e): e
    case .linux4(let e): e
    case .linux5_14(let e): e
    case .linux6_12(let e): e
    }
  }

  var hasDevice: Bool { era.hasDevice }
  var numaFaultEntry: UInt16 { era.numaFaultEntry }
  var migrationWaitEntry: UInt16 { era.migrationWaitEntry }
  func entry(for role: Role) -> UInt16 { era.entry(for: role) }
  func stepText(_ code: UInt16) -> String? { era.stepText(code) }
  var zap: ZapOptions {
    switch self {
    case .linux3_8(let e): e.zap
    case .linux3_13(let e): e.zap
    case .linux4(let e): e.zap
    case .linux5_14(let e): e.zap
    case .linux6_12(let e): e.zap
    }
  }

  var faultEntry: FaultOptions {
    switch self {
    case .linux3_8(let e): e.faultEntry
    case .linux3_13(let e): e.faultEntry
    case .linux4(let e): e.faultEntry
    case .linux5_14(let e): e.faultEntry
    case .linux6_12(let e): e.faultEntry
    }
  }

  var anon: AnonOptions {
    switch self {
    case .linux3_8(let e): e.anon
    case .linux3_13(let e): e.anon
    case .linux4(let e): e.anon
    case .linux5_14(let e): e.anon
    case .linux6_12(let e): e.anon
    }
  }

  var walker: WalkerOptions {
    switch self {
    case .linux3_8(let e): e.walker
    case .linux3_13(let e): e.walker
    case .linux4(let e): e.walker
    case .linux5_14(let e): e.walker
    case .linux6_12(let e): e.walker
    }
  }

  var writeFaultLocksPage: Bool {
    switch self {
    case .linux3_8(let e): e.writeFaultLocksPage
    case .linux3_13(let e): e.writeFaultLocksPage
    case .linux4(let e): e.writeFaultLocksPage
    case .linux5_14(let e): e.writeFaultLocksPage
    case .linux6_12(let e): e.writeFaultLocksPage
    }
  }

  var pmdNuma: PMDNumaOptions? {
    switch self {
    case .linux3_8(let e): e.pmdNuma
    case .linux3_13(let e): e.pmdNuma
    case .linux4, .linux5_14, .linux6_12: nil
    }
  }

  var protNone: ProtNoneOptions? {
    switch self {
    case .linux4(let e): e.protNone
    case .linux5_14(let e): e.protNone
    case .linux3_8, .linux3_13, .linux6_12: nil
    }
  }

  func step(_ w: inout World, _ c: Ctx, choice: Int, _ fx: inout Fx) {
    switch self {
    case .linux3_8(let e): e.step(&w, c, choice: choice, &fx)
    case .linux3_13(let e): e.step(&w, c, choice: choice, &fx)
    case .linux4(let e): e.step(&w, c, choice: choice, &fx)
    case .linux5_14(let e): e.step(&w, c, choice: choice, &fx)
    case .linux6_12(let e): e.step(&w, c, choice: choice, &fx)
    }
  }

  func wait(_ pc: UInt16, _ w: World, _ c: Ctx) -> Wait {
    switch self {
    case .linux3_8(let e): e.wait(pc, w, c)
    case .linux3_13(let e): e.wait(pc, w, c)
    case .linux4(let e): e.wait(pc, w, c)
    case .linux5_14(let e): e.wait(pc, w, c)
    case .linux6_12(let e): e.wait(pc, w, c)
    }
  }

  func choices(_ pc: UInt16, _ w: World, _ c: Ctx) -> Int {
    if let e = FaultEntry(rawValue: pc) { return e.choices(w, c) }
    if let l = Walker(rawValue: pc) { return l.choices(w) }
    if pc < 128 || pc >= 256 { return 1 }
    switch self {
    case .linux3_8(let e): return e.choices(pc, w, c)
    case .linux3_13(let e): return e.choices(pc, w, c)
    case .linux4(let e): return e.choices(pc, w, c)
    case .linux5_14(let e): return e.choices(pc, w, c)
    case .linux6_12(let e): return e.choices(pc, w, c)
    }
  }
}
