#!/usr/bin/env bash
# Builds the DocC documentation of THPSpec into .build/docs with the toolchain's own `docc`
# (no plugin, no package dependency). Warnings are errors; any failure exits non-zero.
#
#   bash scripts/build-docs.sh            # then open .build/docs/documentation/thpspec/index.html
#                                         # through a web server, or `docc preview` the catalog
set -euo pipefail
cd "$(dirname "$0")/.."

# The docc that ships beside the swift driver (override with DOCC=...).
swift_bin="$(command -v swift)" || { echo "build-docs: swift not found" >&2; exit 1; }
DOCC="${DOCC:-$(dirname "$(readlink -f "$swift_bin")")/docc}"
[ -x "$DOCC" ] || DOCC="$(command -v docc)" || { echo "build-docs: docc not found" >&2; exit 1; }

work=.build/docs-work
graphs="$PWD/$work/symbol-graphs"
out=.build/docs
# Start from nothing: an up-to-date incremental build would not emit the graphs again.
rm -rf "$work" "$out"
mkdir -p "$graphs"

# Symbol graphs of the spec. A scratch path of its own keeps the extra compiler flags from
# invalidating the ordinary .build/debug products.
swift build --target THPSpec --scratch-path "$work/scratch" \
  -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$graphs"
ls "$graphs"/THPSpec*.symbols.json >/dev/null

"$DOCC" convert Spec/THPSpec.docc \
  --additional-symbol-graph-dir "$graphs" \
  --output-dir "$out" \
  --fallback-display-name THPSpec \
  --fallback-bundle-identifier thpcheck.THPSpec \
  --fallback-default-module-kind Framework \
  --warnings-as-errors

[ -f "$out/data/documentation/thpspec.json" ] || { echo "build-docs: no THPSpec page in $out" >&2; exit 1; }
echo "build-docs: documentation in $out (open $out/documentation/thpspec/index.html via a web server)"
