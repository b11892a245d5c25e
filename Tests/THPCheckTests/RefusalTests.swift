import Foundation
import THPKernel
import THPSpec
import Testing

@testable import THPEngine

/// Bad input refused with its real cause: scenario texts, replay tokens, strict replays; echoed
/// input cut short; race-diagram cells wrapped at spaces only.
@Suite("Refusals and their causes")
struct RefusalTests {
  /// The reason `text` does not fit `model`'s space.
  static func reason(_ text: String, _ model: String = "v4.20") throws -> ScenarioError? {
    let space = try Catalog.family(model).space
    do {
      _ = try Scenario.parse(Substring(text), in: space)
      return nil
    } catch { return error }
  }

  @Test("Scenario.parse says why, left to right")
  func scenarioReasons() throws {
    let space = try Catalog.family("v4.20").space
    let taskA = try #require(space.roles.first { $0.letter == "A" })
    let scanner = try #require(space.roles.first { $0.letter == "S" })
    #expect(try Self.reason("") == .empty)
    #expect(try Self.reason("Aw,,Sa") == .emptyGroup(position: 1))
    #expect(try Self.reason("Aw,") == .emptyGroup(position: 1))
    #expect(try Self.reason("Xw") == .unknownRole("X", known: space.roles.map(\.letter)))
    #expect(try Self.reason("Aw,Ar") == .repeatedRole(taskA))
    #expect(try Self.reason("Ax") == .unknownOperation(taskA, "x"))
    #expect(try Self.reason("Awwww") == .tooManyOperations(taskA, count: 4))
    #expect(try Self.reason("Aw,S") == .noOperation(scanner))
    #expect(try Self.reason("A") == .noOperation(taskA))
    #expect(try Self.reason("Aw,Sa,Dw") == nil)
    // The limit is in the message.
    #expect(ScenarioError.tooManyOperations(taskA, count: 4).description.contains("at most 3"))
    // Valid text parses as before; invalid text gives nil to the failable initialiser.
    #expect(Scenario(encoded: "Awr,Bw,Saa", in: space)?.encoded(in: space) == "Awr,Bw,Saa")
    #expect(Scenario(encoded: "A", in: space) == nil)
  }

  @Test("A letter the era lacks names the models that have it, and why")
  func missingActor() throws {
    let old = try Catalog.family("v3.9")
    for text in ["device", "Aw,Sa,Dw"] {
      #expect(throws: ScenarioRefusal.self) {
        try StandardScenarios.resolve(text, for: old)
      }
      do {
        _ = try StandardScenarios.resolve(text, for: old)
      } catch {
        let line = error.description
        #expect(line.contains("v3.9 has no device (D)"))
        #expect(line.contains("v4.14, v4.20, v5.14 and v6.12"))
        #expect(line.contains("v3.19"))
      }
    }
    // The models that have the device are read from their spaces, not declared.
    let row = try #require(ScenarioLetters.rows.first { $0.role.letter == "D" })
    let have = try Catalog.models.map(\.name).filter {
      try Catalog.family($0).space.roles.contains { $0.letter == "D" }
    }
    #expect(row.models == have)
    #expect(!row.everyModel)
  }

  @Test("Standard names work for every model whose space has their actors")
  func standardNames() throws {
    for m in Catalog.models {
      let family = try Catalog.family(m.name)
      for s in StandardScenarios.all {
        let fits = Scenario(encoded: Substring(s.letters), in: family.space) != nil
        #expect((try? StandardScenarios.resolve(s.name, for: family)) != nil || !fits)
      }
    }
    let v420 = try Catalog.family("v4.20")
    do {
      _ = try StandardScenarios.resolve("hintin", for: v420)
      Issue.record("a mistyped name was accepted")
    } catch {
      #expect(error.description.contains("neither a standard name"))
    }
    // A replay token's scenario is letters only.
    #expect((try? StandardScenarios.resolve("hinting", for: v420, names: false)) == nil)
  }

  @Test("Replay tokens: every field present; - is the only spelling of no revert")
  func tokenFields() throws {
    let good = try ReplayToken.parse("thp2:v4.20:-:Aw,Sa:ab")
    #expect(good.reverted.isEmpty)
    #expect(good.description == "thp2:v4.20:-:Aw,Sa:ab")
    #expect(try ReplayToken.parse("thp2:v4.20:a+b:Aw:a").reverted == ["a", "b"])
    for bad in [
      "thp2::-:Aw:a", "thp2:v4.20::Aw:a", "thp2:v4.20:-::a", "thp2:v4.20:-:Aw:",
      "thp2:v4.20:+:Aw:a", "thp2:v4.20:a+:Aw:a", "thp2:v4.20:-:Aw", "thp2:v4.20:-:Aw:a:b",
      "thp1:v4.20:-:Aw:a", "thp3:v4.20:-:Aw:a", "nope", "",
    ] {
      #expect(throws: ReplayToken.ParseError.self, "\(bad)") { try ReplayToken.parse(bad) }
    }
  }

  @Test("Strict replay refuses a schedule that goes on after its run ended")
  func strictLeftover() throws {
    let family = try Catalog.family("v4.20", reverting: ["3c226c637b69"])
    let sc = try Scenario.parse("Aw,Bw,Sa", in: family.space)
    let ce = try #require(family.explore(sc).counterexample)
    let exact = try family.replay(sc, ce.decisions)
    #expect(exact.findings.first?.kind == .useAfterFree)
    let model = family.instantiate(sc)
    for extra in 1...3 {
      let longer = ce.decisions + Array(repeating: Decision(actor: 0, choice: 0), count: extra)
      #expect(throws: ScheduleMismatch.self) { try family.replay(sc, longer) }
      #expect(throws: ScheduleMismatch.self) {
        try model.run(.strict(longer), options: RunOptions())
      }
    }
    // A shorter schedule is a prefix: it replays, and stops short (inconclusive).
    let short = try family.replay(sc, Array(ce.decisions.dropLast()))
    #expect(short.verdict == .inconclusive)
  }

  @Test("Echoed input is cut to a short prefix, control characters escaped")
  func echo() {
    let long = String(repeating: "Aw", count: 50_000)
    let q = Echo.quote(long)
    #expect(q.count < 80)
    #expect(q.hasPrefix("'AwAw") && q.contains("…") && q.contains("100000 characters"))
    #expect(Echo.quote("v4\n20") == "'v4\\n20'")
    #expect(Echo.quote("short") == "'short'")
  }

  @Test("Race-diagram cells wrap at spaces and never break a word")
  func diagramWrap() throws {
    #expect(
      RaceDiagram.wrap("do_huge_pmd_numa_page P0 → P1 and more", first: 12, rest: 10) == [
        "do_huge_pmd_numa_page", "  P0 → P1", "  and more",
      ])
    #expect(RaceDiagram.wrap("short", first: 20, rest: 18) == ["short"])
    // A real counterexample rendered narrow: every word of every step survives whole.
    let family = try Catalog.family("v4.20", reverting: ["3c226c637b69"])
    let sc = try Scenario.parse("Aw,Bw,Sa", in: family.space)
    let ce = try #require(family.explore(sc).counterexample)
    for width in [20, 30, 44] {
      let words = Set(RaceDiagram.render(ce, maxWidth: width).split { $0 == " " || $0 == "\n" })
      for row in ce.rows {
        for word in row.step.split(separator: " ") {
          #expect(words.contains(word), "\(word) broken at width \(width)")
        }
      }
    }
  }
}
