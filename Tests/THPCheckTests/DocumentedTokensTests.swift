import Foundation
import THPEngine
import THPKernel
import THPSpec
import Testing

/// Every replay token the documentation shows (README.md, Spec/THPSpec.docc/*.md) is one a reader
/// can paste: it has the current version, it replays exactly to a failure, and the story that
/// failure tells is in its model's findings catalogue. When the models' steps change, the token
/// version goes up and this suite names every token left behind.
@Suite("DocumentedTokens")
struct DocumentedTokensTests {
  /// One replay token found in a document.
  struct Documented: Sendable, CustomTestStringConvertible {
    /// The document's path in the repository.
    let file: String
    /// The line, from 1.
    let line: Int
    /// The token as written.
    let text: String

    var testDescription: String { "\(file):\(line) \(text)" }
  }

  /// The repository root: three levels above this file.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The documents scanned, as repository paths: the README and the DocC articles.
  static var documents: [String] {
    let docc = root.appendingPathComponent("Spec/THPSpec.docc")
    let articles =
      (try? FileManager.default.contentsOfDirectory(atPath: docc.path))?
      .filter { $0.hasSuffix(".md") }.sorted().map { "Spec/THPSpec.docc/" + $0 } ?? []
    return ["README.md"] + articles
  }

  /// What a replay token looks like in prose, whatever its version.
  static let pattern = #"thp[0-9]+:[^\s`'"]+"#

  /// The format's template as the documentation writes it, fields named rather than filled in.
  static let templateFields = ":MODEL:REVERTS:SCENARIO:SCHEDULE"

  /// Every token in the documents, in order; empty when a document cannot be read (which
  /// ``scanned()`` reports).
  static let tokens: [Documented] = {
    guard let regex = try? Regex(pattern) else { return [] }
    var out: [Documented] = []
    for file in documents {
      guard
        let text = try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
      else { continue }
      for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        for m in line.matches(of: regex) {
          out.append(Documented(file: file, line: k + 1, text: String(line[m.range])))
        }
      }
    }
    return out
  }()

  @Test("The documents are there and show replay tokens, the README's among them")
  func scanned() throws {
    _ = try Regex(Self.pattern)
    #expect(Self.documents.count > 1, "no articles under Spec/THPSpec.docc")
    for file in Self.documents {
      #expect(
        FileManager.default.isReadableFile(atPath: Self.root.appendingPathComponent(file).path),
        "\(file) cannot be read")
    }
    #expect(Self.tokens.contains { $0.file == "README.md" }, "README.md shows no replay token")
    #expect(
      Self.tokens.contains { $0.file.hasPrefix("Spec/") && !$0.text.hasSuffix(Self.templateFields) },
      "the articles show no replay token")
  }

  @Test(
    "A documented token has the current version, replays to a failure, and tells a catalogued story",
    arguments: DocumentedTokensTests.tokens)
  func replays(_ d: Documented) throws {
    // The format's template: only its version can be stale.
    if d.text.hasSuffix(Self.templateFields) {
      #expect(
        d.text == ReplayToken.prefix + Self.templateFields,
        "\(d.file):\(d.line): the template names another version than \(ReplayToken.prefix)")
      return
    }
    #expect(
      d.text.hasPrefix(ReplayToken.prefix + ":"),
      "\(d.file):\(d.line): not a \(ReplayToken.prefix) token: check again and paste the new one")
    let token = try ReplayToken.parse(d.text)
    #expect(token.description == d.text, "\(d.file):\(d.line): the token is not written canonically")
    let (family, scenario, decisions) = try Support.resolve(token)
    let report = try family.replay(scenario, decisions)
    let f = try #require(report.findings.first, "\(d.file):\(d.line): the token replays to no harm")
    let model = ([token.model] + token.reverted).joined(separator: " --revert ")
    #expect(
      report.findings.allSatisfy { $0.known != nil },
      "\(d.file):\(d.line): tells \(f.story), not in the catalogue of \(model)")
  }
}
