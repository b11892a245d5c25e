import Foundation
import THPEngine
import THPKernel
import THPSpec

/// Prints one line on stderr and exits 2.
func usage(_ message: String) -> Never {
  Output.refuse(message)
}

/// Prints `value` as one JSON document on stdout.
func printJSON(_ value: some Encodable) {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
  guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else {
    usage("could not encode the result as JSON")
  }
  Output.line(text)
}

let invocation: Invocation
do {
  invocation = try Arguments.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
  usage(error.description)
}

switch invocation {
case .version:
  Output.line(Version.line)
  Output.exit(0)
case .help(let topic):
  Output.line(Help.text(topic))
  Output.exit(0)
case .run(let args):
  switch args.command {
  case .list: Output.exit(Commands.list(args))
  case .replay: Output.exit(Commands.replay(args))
  case .explore: Output.exit(Commands.explore(args))
  case .bench: Output.exit(Commands.bench(args))
  case .check: Output.exit(Commands.check(args))
  // The parser turns `help` into `.help`; kept total for the compiler.
  case .help: Output.exit(0)
  }
}
