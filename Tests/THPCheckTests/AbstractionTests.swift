import THPEngine
import THPSpec
import Testing

@testable import THPKernel

/// The refinement mapping's own assumptions are checked, not taken for granted.
@Suite("The abstraction")
struct AbstractionTests {
  @Test("Two actors holding a cleared PMD is a refinement harm, not a silent choice")
  func twoClearedPMDs() throws {
    let family = try Catalog.family("v4.20")
    let model = family.instantiate(try Scenario.parse("Aw,Bw,Sa", in: family.space))
    var w = model.initialState()
    // One holder: the abstraction uses its value, and a step is fine.
    w.actors[0].flags.insert(.holdsClearedPMD)
    var one = w
    #expect(model.step(&one, 2, choice: 0).harm == nil)
    // Two holders: the step reports it, whatever it did.
    w.actors[1].flags.insert(.holdsClearedPMD)
    let o = model.step(&w, 2, choice: 0)
    #expect(o.harm == .refinement)
    #expect(model.harmText(o).contains("two actors each hold a PMD value"))
  }
}
