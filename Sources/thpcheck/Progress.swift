import Foundation
import THPEngine

/// The progress line of long `check` and `explore` runs: on stderr, rewritten in place, only
/// when stderr is a terminal and `--quiet` was not given (so logs and pipes get nothing), and
/// at most a few times a second. It never touches stdout, so results stay byte-identical.
final class Progress: @unchecked Sendable {
  /// Whether lines are shown at all.
  let enabled: Bool
  private let lock = NSLock()
  private var lastShown = 0.0
  private var shown = false

  init(quiet: Bool) {
    enabled = !quiet && isatty(STDERR_FILENO) == 1
  }

  /// Shows `text` (prefixed by the resident memory) unless a line was shown less than a
  /// quarter of a second ago.
  func show(_ seconds: Double, _ text: String) {
    guard enabled else { return }
    lock.lock()
    defer { lock.unlock() }
    guard seconds - lastShown >= 0.25 || !shown else { return }
    lastShown = seconds
    shown = true
    Output.progress("\r\u{1B}[K" + text + ", " + Self.memory())
  }

  /// Shows a line that stays (a finished model), clearing the progress line first.
  func note(_ text: String) {
    guard enabled else { return }
    lock.lock()
    defer { lock.unlock() }
    Output.progress("\r\u{1B}[K" + text + "\n")
    shown = false
  }

  /// Clears the progress line.
  func done() {
    guard enabled else { return }
    lock.lock()
    defer { lock.unlock() }
    if shown { Output.progress("\r\u{1B}[K") }
    shown = false
  }

  /// A check's progress callback.
  func check(_ label: String) -> @Sendable (CheckProgress) -> Void {
    { [self] p in
      let rate = Double(p.runs) / max(p.seconds, 1e-9)
      show(
        p.seconds,
        "\(label): \(p.runs.grouped) of \(p.of.grouped) runs, \(Int(rate).grouped) runs/s, "
          + "\(p.failingRuns.grouped) failing")
    }
  }

  /// An exploration's progress callback.
  func explore(_ label: String) -> @Sendable (ExploreProgress) -> Void {
    { [self] p in
      let rate = Double(p.states) / max(p.seconds, 1e-9)
      show(
        p.seconds,
        "\(label): \(p.states.grouped) states, depth \(p.depth), \(Int(rate).grouped) states/s")
    }
  }

  /// The process's resident memory, from `/proc/self/statm` (Linux), or its peak from
  /// `getrusage` elsewhere.
  static func memory() -> String { bytes(residentBytes()) }

  /// The process's resident memory in bytes, from `/proc/self/statm` (Linux), or its peak from
  /// `getrusage` elsewhere.
  static func residentBytes() -> Int {
    if let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) {
      let fields = text.split(separator: " ")
      if fields.count > 1, let pages = Int(fields[1]) {
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
      }
    }
    return peakResidentBytes()
  }

  /// The process's peak resident memory in bytes since the last ``resetPeak()``: `VmHWM` of
  /// `/proc/self/status` on Linux, `ru_maxrss` (never reset) elsewhere.
  static func peakResidentBytes() -> Int {
    if let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
      let kb = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
    {
      return kb * 1024
    }
    var usage = rusage()
    #if os(Linux)
      getrusage(RUSAGE_SELF.rawValue, &usage)
      return Int(usage.ru_maxrss) * 1024
    #else
      getrusage(RUSAGE_SELF, &usage)
      return Int(usage.ru_maxrss)
    #endif
  }

  /// Starts a new peak: writing 5 to `/proc/self/clear_refs` resets `VmHWM` to the current
  /// resident memory (Linux 4.0 and later; elsewhere, or if refused, nothing changes).
  static func resetPeak() {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
  }

  /// `1.2 GB`, `340 MB`.
  static func bytes(_ n: Int) -> String {
    n >= 1 << 30
      ? String(format: "%.1f GB", Double(n) / Double(1 << 30))
      : "\(n >> 20) MB"
  }
}
