import THPEngine

/// The version `thpcheck --version` prints.
enum Version {
  /// The command line's own version.
  static let number = "0.2.0"

  /// `thpcheck 0.2.0 (replay tokens thp2)`: the replay token version comes from
  /// ``ReplayToken/prefix``, the one place it is kept.
  static var line: String { "thpcheck \(number) (replay tokens \(ReplayToken.prefix))" }
}
