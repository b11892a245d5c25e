import Foundation
import THPEngine
import THPKernel
import Testing

/// The command line through the built binary (`swift test` links `thpcheck` beside the test
/// bundle): exit codes 0/1/2, the JSON keys of the contract, `ok` equal to "every verdict
/// equals its expectation", one stderr line and no stdout for each kind of bad input, help for
/// every command, and the README's copy of the top-level help.
@Suite("Command line")
struct CommandLineTests {
  /// What one run of the binary did.
  struct Ran: CustomStringConvertible {
    let status: Int32
    let stdout: String
    let stderr: String
    var description: String { "exit \(status); stderr: \(stderr.prefix(300))" }
    /// Stdout as a JSON object.
    func json() throws -> [String: Any] {
      try #require(
        try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any],
        "stdout is not one JSON object")
    }
  }

  /// The `thpcheck` binary: beside the test bundle (`.build/<triple>/debug/`).
  static func binary() throws -> URL {
    let candidates = [
      Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0]),
      Bundle.main.bundleURL,
    ].compactMap { $0?.deletingLastPathComponent().appendingPathComponent("thpcheck") }
    let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    return try #require(
      found, "no thpcheck binary beside the test bundle (\(candidates.map(\.path))); swift build")
  }

  /// Runs the binary with `args`; stdout and stderr go to files (no pipe can fill up).
  static func run(_ args: [String]) throws -> Ran {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("thpcheck-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("out")
    let err = dir.appendingPathComponent("err")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    let p = Process()
    p.executableURL = try binary()
    p.arguments = args
    p.standardOutput = try FileHandle(forWritingTo: out)
    p.standardError = try FileHandle(forWritingTo: err)
    try p.run()
    p.waitUntilExit()
    return Ran(
      status: p.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
      stderr: try String(contentsOf: err, encoding: .utf8))
  }

  /// The commands, as the binary spells them (the test target does not link the CLI).
  static let commands = ["check", "explore", "replay", "list", "bench", "help"]

  /// The keys the contract (Spec/THPSpec.docc/CommandLine.md) gives each result of `check --json` and `replay --json`.
  static let resultKeys = [
    "model", "reverted", "expected", "verdict", "runs", "incompleteRuns", "steps", "seconds",
    "violation", "counterexample", "findings", "coverage",
  ]

  /// Checks a `check --json`/`replay --json` document: every key, and `ok` (and the exit code)
  /// agreeing with the verdicts. Returns the first replay token found.
  @discardableResult
  static func checkDocument(_ ran: Ran) throws -> String? {
    let doc = try ran.json()
    let ok = try #require(doc["ok"] as? Bool)
    let results = try #require(doc["results"] as? [[String: Any]])
    #expect(!results.isEmpty)
    var token: String? = nil
    for r in results {
      for key in resultKeys { #expect(r[key] != nil, "missing \(key)") }
      let verdict = try #require(r["verdict"] as? String)
      #expect(["holds", "refuted", "inconclusive"].contains(verdict))
      #expect((r["violation"] is NSNull) == (verdict != "refuted"))
      if let ce = r["counterexample"] as? [String: Any] {
        for key in ["length", "actors", "replay", "trace"] { #expect(ce[key] != nil) }
        let trace = try #require(ce["trace"] as? [[String: Any]])
        #expect(ce["length"] as? Int == trace.count)
        for e in trace {
          for key in ["actor", "step", "abstract", "rules"] { #expect(e[key] != nil) }
        }
        token = token ?? ce["replay"] as? String
      }
    }
    let every = results.allSatisfy { ($0["verdict"] as? String) == ($0["expected"] as? String) }
    #expect(ok == every, "ok must be: every verdict equals its expected")
    #expect(ran.status == (ok ? 0 : 1), "\(ran)")
    return token
  }

  @Test("check --json: the contract's keys; ok and the exit code follow the verdicts")
  func checkJSON() throws {
    // Expected refuted, and its catalogue reproduced (by a witness if 300 runs miss it): ok.
    let small = try Self.run(["check", "--model", "v4.20", "--runs", "300", "--json"])
    try Self.checkDocument(small)
    #expect(small.status == 0)
    // Expected refuted, found: ok, exit 0, with a counterexample whose token replays.
    let refuted = try Self.run([
      "check", "--model", "v4.20", "--revert", "3c226c637b69", "--runs", "1000", "--json",
    ])
    let token = try #require(try Self.checkDocument(refuted))
    #expect(refuted.status == 0)
    let replayed = try Self.run(["replay", token, "--json"])
    try Self.checkDocument(replayed)
    #expect(replayed.status == 0)
    // Expected refuted, but one read cannot break anything: not ok, exit 1.
    let differs = try Self.run([
      "check", "--model", "v3.13", "--scenario", "Ar", "--runs", "20", "--json",
    ])
    try Self.checkDocument(differs)
    #expect(differs.status == 1)
    #expect(try differs.json()["ok"] as? Bool == false)
  }

  @Test("list, explore: the contract's keys")
  func otherJSON() throws {
    let list = try Self.run(["list", "--json"])
    #expect(list.status == 0)
    let doc = try list.json()
    for key in ["models", "fixes", "actions", "violationKinds"] { #expect(doc[key] != nil) }
    for m in try #require(doc["models"] as? [[String: Any]]) {
      for key in ["name", "kernel", "commit", "expected", "demonstrates"] {
        #expect(m[key] != nil)
      }
    }
    for f in try #require(doc["fixes"] as? [[String: Any]]) {
      for key in ["id", "title", "seed", "model"] { #expect(f[key] != nil) }
    }
    let ex = try Self.run(["explore", "--model", "v4.20", "--scenario", "zap", "--json"])
    #expect(ex.status == 0)
    let e = try ex.json()
    for key in [
      "model", "reverted", "scenario", "expected", "verdict", "states", "transitions", "seconds",
      "complete", "violation", "counterexample",
    ] {
      #expect(e[key] != nil, "explore: missing \(key)")
    }
    #expect(e["scenario"] as? String == "Ar,Sa,Mz")
  }

  /// Bad input, one of each kind: each must give exit 2, one line on stderr, nothing on stdout.
  static let badInputs: [[String]] = [
    ["--no-such-option"], ["nosuch"], ["check", "extra"], ["check", "-x"],
    ["check", "--model", "no-such-model"], ["check", "--revert", "nosuch"],
    ["check", "--model", "v3.9", "--revert", "7066f0f933a1"],
    ["check", "--runs", "-3"], ["check", "--runs", "0"], ["check", "--runs", "abc"],
    ["check", "--runs", "99999999999"], ["check", "--runs"], ["check", "--runs", "--json"],
    ["check", "--threads", "0"], ["explore", "--model", "v4.20", "--threads", "65"],
    ["check", "--quiet=1"], ["list", "--quiet"], ["check", "--big"],
    ["explore", "--model", "v4.20", "--memory", "0"], ["check", "--memory", "4"],
    ["check", "--seed", "-1"], ["check", "--scheduler", "fifo"], ["check", "--json=1"],
    // An option the command does not take.
    ["check", "--preemptions", "5"], ["check", "--max-states", "5"],
    ["explore", "--model", "v4.20", "--runs", "5"], ["list", "--model", "nosuch"],
    ["bench", "--model", "nosuch"], ["replay", "TOKEN", "--model", "v3.9"], ["list", "extra"],
    // Repeated options, a model named twice.
    ["check", "--runs", "5", "--runs", "6"], ["check", "--model", "v4.20", "--model", "v4.20"],
    ["list", "--json", "--json"], ["explore", "--model", "v4.20", "--model", "v5.14"],
    ["check", "--revert", "3c226c637b69", "--revert", "7066f0f933a1"],
    // Scenarios: no single model, an actor the era lacks, over a limit, no operation, unknown.
    ["check", "--scenario", "hinting"],
    ["check", "--model", "v4.20", "--model", "v5.14", "--scenario", "hinting"],
    ["check", "--model", "v3.9", "--scenario", "device"],
    ["explore", "--model", "v3.9", "--scenario", "Aw,Sa,Dw"],
    ["check", "--model", "v4.20", "--scenario", "Awwww"],
    ["check", "--model", "v4.20", "--scenario", "A"],
    ["check", "--model", "v4.20", "--scenario", "Aw,Aw"],
    ["explore", "--model", "v4.20", "--scenario", "no-such-scenario"],
    ["explore", "--model", "v4.20", "--scenario", String(repeating: "Aw", count: 50_000)],
    ["explore"], ["explore", "--model", "v4.20", "--preemptions", "-1"],
    // Tokens: malformed, foreign, another version, an empty field, a scenario that does not fit.
    ["replay"], ["replay", "not-a-token"], ["replay", "a", "b"], ["replay", "thp9:v4.20:-:Aw:a"],
    ["replay", "thp2:v4.20::Aw,Sa:a"], ["replay", "thp2:v4.20:-:Aw,Sa:"],
    ["replay", "thp2:v3.9:-:Aw,Dw:a"], ["replay", "thp2:v4.20:-:Aw,Sa:z"],
    ["help", "nosuch"], ["help", "check", "list"],
  ]

  @Test("--threads changes nothing in the output; no progress on stderr when it is not a terminal")
  func threadsAndProgress() throws {
    let args = ["explore", "--model", "v6.12", "--scenario", "gup", "--json"]
    let one = try Self.run(args + ["--threads", "1"])
    let two = try Self.run(args + ["--threads", "2", "--quiet"])
    func dropSeconds(_ s: String) -> String {
      s.replacingOccurrences(of: #""seconds" : [0-9.e+-]+"#, with: "", options: .regularExpression)
    }
    #expect(one.status == 0 && two.status == 0)
    #expect(dropSeconds(one.stdout) == dropSeconds(two.stdout))
    #expect(one.stderr.isEmpty, "stderr is a file here: no progress line, \(one.stderr.prefix(200))")
    let check = try Self.run(["check", "--model", "v6.12", "--runs", "600", "--threads", "1"])
    #expect(check.status == 0)
    #expect(check.stderr.isEmpty, "\(check.stderr.prefix(200))")
  }

  @Test("Bad input: exit 2, one short line on stderr, nothing on stdout", arguments: badInputs)
  func badInput(_ args: [String]) throws {
    let ran = try Self.run(args)
    #expect(ran.status == 2, "\(args.prefix(4)): \(ran)")
    #expect(ran.stdout.isEmpty)
    let lines = ran.stderr.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 2 && lines[1].isEmpty, "want one line: \(ran.stderr.prefix(500))")
    #expect(ran.stderr.hasPrefix("thpcheck: "))
    #expect(ran.stderr.count < 400, "too long: \(ran.stderr.prefix(500))")
  }

  @Test("A replay token with entries after its run ended is refused")
  func inexactToken() throws {
    let family = try Catalog.family("v4.20", reverting: ["3c226c637b69"])
    let sc = try Scenario.parse("Aw,Bw,Sa", in: family.space)
    let ce = try #require(family.explore(sc).counterexample)
    let exact = try Self.run(["replay", ce.token.description])
    #expect(exact.status == 0, "\(exact)")
    var longer = ce.token
    longer.schedule += "a"
    let ran = try Self.run(["replay", longer.description])
    #expect(ran.status == 2 && ran.stdout.isEmpty, "\(ran)")
    #expect(ran.stderr.contains("too many"))
  }

  @Test(
    "Help for every command: exit 0, usage on stdout",
    arguments: [["--help"], ["-h"], ["help"], ["help", "scenarios"]]
      + CommandLineTests.commands.flatMap { [[$0, "--help"], [$0, "-h"], ["help", $0]] })
  func help(_ args: [String]) throws {
    let ran = try Self.run(args)
    #expect(ran.status == 0, "\(ran)")
    #expect(ran.stderr.isEmpty)
    #expect(ran.stdout.contains(args.contains("scenarios") ? "Scenarios" : "Usage"))
  }

  @Test("--version names the replay token version")
  func version() throws {
    let ran = try Self.run(["--version"])
    #expect(ran.status == 0)
    #expect(ran.stdout.hasPrefix("thpcheck "))
    #expect(ran.stdout.contains(ReplayToken.prefix))
  }

  @Test("The help lists every model's actors with their limits, and every standard name")
  func helpFromData() throws {
    let text = try Self.run(["help", "scenarios"]).stdout
    for m in Catalog.models {
      for role in try Catalog.family(m.name).space.roles {
        #expect(
          text.split(separator: "\n").contains {
            $0.hasPrefix("  \(role.letter) ") && $0.contains(role.name)
              && $0.contains(" \(role.maxOperations) ")
          }, "\(role.letter) of \(m.name)")
      }
    }
    for s in StandardScenarios.all { #expect(text.contains("\(s.name)")) }
  }

  @Test("The README shows the top-level help as the binary prints it")
  func readmeHelp() throws {
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    let help = try Self.run(["--help"]).stdout
    #expect(
      text.contains("```text\n" + help + "```"),
      "README.md's help block differs from `thpcheck --help`: paste its output again")
    #expect(!text.contains("../shared"), "the README must not point outside the repository")
  }

  @Test(
    "A failed write to stdout is an error",
    .enabled(if: FileManager.default.isWritableFile(atPath: "/dev/full")))
  func writeError() throws {
    let p = Process()
    p.executableURL = try Self.binary()
    p.arguments = ["list"]
    p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 2)
  }
}
