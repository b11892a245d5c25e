import Foundation

/// Standard output and the exits of the program: every line of stdout goes through here, and a
/// write that fails (a full disk, `> /dev/full`, a closed descriptor) is an error — one line on
/// stderr and exit 2 — never a silent success with the output lost. A closed pipe ends the
/// program by SIGPIPE, the usual Unix way.
///
/// Writes go straight to the file descriptors with `write(2)`, unbuffered, so a failure is seen
/// at the write that fails.
enum Output {
  /// Writes `text` and a newline to stdout; exits 2 if the write fails.
  static func line(_ text: String = "") {
    if let failure = write(text + "\n", to: STDOUT_FILENO) { failed(failure) }
  }

  /// Exits with `code` (stdout is unbuffered: everything is written already).
  static func exit(_ code: Int32) -> Never {
    Foundation.exit(code)
  }

  /// Writes `text` and a newline to stderr (a failure there is ignored).
  static func note(_ text: String) {
    _ = write(text + "\n", to: STDERR_FILENO)
  }

  /// Writes `text` to stderr as it is (the progress line; a failure there is ignored).
  static func progress(_ text: String) {
    _ = write(text, to: STDERR_FILENO)
  }

  /// Prints one line on stderr (`thpcheck: ` and `message`, newlines escaped) and exits 2.
  static func refuse(_ message: String) -> Never {
    note("thpcheck: " + message.replacingOccurrences(of: "\n", with: "\\n"))
    Foundation.exit(2)
  }

  /// Writes all of `text` to `fd`, retrying short and interrupted writes; the `errno` of a
  /// failed write, or nil.
  private static func write(_ text: String, to fd: Int32) -> Int32? {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        return errno
      }
      bytes = bytes.dropFirst(n)
    }
    return nil
  }

  /// The output could not be written: say why on stderr, exit 2.
  private static func failed(_ error: Int32) -> Never {
    note("thpcheck: could not write the output: " + String(cString: strerror(error)))
    Foundation.exit(2)
  }
}
