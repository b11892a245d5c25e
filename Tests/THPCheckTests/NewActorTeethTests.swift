import THPEngine
import THPSpec
import Testing

@testable import THPKernel

/// Each actor of the bigger world shows its teeth: a model that lacks one defence, which only
/// that actor can challenge, is refuted with the harm expected when the actor is in the
/// scenario, and shows nothing of the kind without it; the era as the kernel wrote it gives its
/// catalogued verdict on the same scenario. Every search is exhaustive.
@Suite("The new actors have teeth")
struct NewActorTeethTests {
  /// A model of `era` under `name` (so that its stories are classified against that model's
  /// catalogue).
  static func family(_ name: String, _ era: AnyEra) -> KernelFamily {
    KernelFamily(name: name, era: era)
  }

  /// The exhaustive search for `story` of `family` on `letters`: its counterexample, if any.
  static func find(_ family: KernelFamily, _ letters: String, story id: String) throws
    -> Counterexample?
  {
    let scenario = try Scenario.parse(Substring(letters), in: family.space)
    let entry = try #require(family.catalogue.first { $0.id == id }, "\(family.name): \(id)")
    var options = ExploreOptions(threads: 2)
    options.goal = .story(StoryKey(kind: entry.story.kind, name: id, known: true))
    let r = family.explore(scenario, options: options)
    #expect(r.complete, "\(family.name) on \(letters): incomplete")
    return r.violation == nil ? nil : r.counterexample
  }

  /// The first harm of `family` on `letters`, exhaustively.
  static func firstHarm(_ family: KernelFamily, _ letters: String) throws -> Counterexample? {
    let r = family.explore(try Scenario.parse(Substring(letters), in: family.space))
    #expect(r.complete, "\(family.name) on \(letters): incomplete")
    return r.counterexample
  }

  /// The walker: a speculative reference is what Will Deacon's v4.13 fix ("mm/migrate.c:
  /// stabilise page count when migrating transparent hugepages") defends against. Without it,
  /// v4.20 re-reads the count after the switch and rolls the committed migration back when
  /// the walker's `get_page_unless_zero` came in between.
  @Test("walker: v4.20 without page_ref_freeze rolls a committed migration back")
  func walker() throws {
    var f = Linux4.Features.v4_20
    f.remove(.refFreeze)
    let weak = Self.family("v4.20", .linux4(Linux4(features: f)))
    let ce = try #require(try Self.firstHarm(weak, "Aw,Sa,Wr"), "the walker found nothing")
    #expect(ce.violation.kind == .refinement)
    let story = Stories.rollbackAfterCommit(.refinement, witness: "Aw,Sa,Wr").story
    #expect(story.isTold(by: ce.rows, kind: ce.violation.kind), "\(RaceDiagram.render(ce))")
    #expect(ce.rows.contains { $0.actor == "walker" && $0.step.hasPrefix("get_page_unless_zero") })
    // Without the walker, the weakened model shows nothing on the same actors.
    #expect(try Self.firstHarm(weak, "Aw,Sa") == nil)
    // The era as it shipped holds on the walker's scenario.
    #expect(try Self.firstHarm(try Catalog.family("v4.20"), "Aw,Sa,Wr") == nil)
  }

  /// The second scanner: v3.13's `tlb_flush_pending` is a flag, which only a second thread
  /// raising it can clear under the first (16af97dc5a89 made it a counter).
  @Test("scanner 2: v3.13's flag is cleared under the other scanner; a counter is not")
  func secondScanner() throws {
    let id = "flush-pending-cleared-by-other-scanner"
    let flag = try Catalog.family("v3.13")
    let ce = try #require(try Self.find(flag, "Ar,Bw,Sa,Ta", story: id))
    #expect(ce.violation.kind == .lostWrite)
    #expect(ce.rows.contains { $0.actor == "scanner 2" && $0.step == "set_tlb_flush_pending" })
    // Without the second scanner the story cannot be told.
    #expect(try Self.find(flag, "Ar,Bw,Sa", story: id) == nil)
    // With the counter, it is not told even with the second scanner.
    let counter = Self.family("v3.13", .linux3_13(Linux3_13(variant: .release, flushPendingCounter: true)))
    #expect(try Self.find(counter, "Ar,Bw,Sa,Ta", story: id) == nil)
  }

  /// FOLL_FORCE: a pin that does not honour NUMA hinting follows a PMD whose page is being
  /// migrated; v4.20's reference freeze sees only pins still held at the commit.
  @Test("FOLL_FORCE: v4.20 loses the pin's write; honouring NUMA hinting closes it")
  func follForce() throws {
    let id = "foll-force-pin-during-migration"
    let era = try Catalog.family("v4.20")
    let ce = try #require(try Self.find(era, "Aw,Sa,Gf", story: id))
    #expect(ce.violation.kind == .lostWrite)
    // The same scenario with a FOLL_NUMA pin (Gp) holds: the page lock and the locked
    // FOLL_NUMA test serialise it against the migration.
    #expect(try Self.firstHarm(era, "Aw,Sa,Gp") == nil)
    // FOLL_FORCE honouring NUMA hinting (a test-only variant) holds on the FOLL_FORCE scenario.
    var f = Linux4.Features.v4_20
    f.insert(.forceHonoursNuma)
    #expect(try Self.firstHarm(Self.family("v4.20", .linux4(Linux4(features: f))), "Aw,Sa,Gf") == nil)
  }
}
