#!/usr/bin/env bash
# Every benchmark, for an older checkout and this one, in one run on one machine.
# Usage: bench/compare.sh BASE_TREE   (e.g. git worktree add /tmp/base <rev>; bench/compare.sh /tmp/base)
set -euo pipefail
base=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)
for tree in "$base" "$here"; do
  echo "### validate $tree"
  (cd "$tree" && PYTHONPATH="$tree" python3 bench/validate.py --changes 10000 --tenants 50 --repeat 3 | tail -4)
done
for tree in "$base" "$here"; do
  echo "### conflicts $tree"
  (cd "$tree" && PYTHONPATH="$tree" python3 -c 'import gc,sys; sys.path.insert(0,"bench"); import check as b; gc.disable(); b.bench_conflicts()' | grep "100,000")
done
echo "### check_pr"
(cd "$here" && python3 bench/check_pr.py --code base="$base" --code new="$here" 10000 | grep check)
for tree in "$base" "$here"; do
  echo "### site $tree"
  (cd "$tree" && PYTHONPATH="$tree" python3 bench/site.py 1000 3000 | grep -E "incidents|growth")
done
echo "### deploy"
(cd "$here" && python3 bench/deploy.py)
