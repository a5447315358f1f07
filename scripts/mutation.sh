#!/usr/bin/env bash
# Mutation run of the rules and import packages (mutmut): how many small slips in the code the tests catch.
#   bash scripts/mutation.sh rules    app/domain's rule modules against tests/domain     (~30–60 min on 2 cores)
#   bash scripts/mutation.sh import   app/importing's cell, time and check readers against tests/importing
#   bash scripts/mutation.sh app/domain/runs.py tests/domain/test_engine_rules.py   one module, the tests given
# Not part of CI (it does not fit its time budget). Works on a copy of the committed tree in a temporary folder
# (mutmut writes a mutants/ folder beside the code); prints the survivors and the score. Needs scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
scope=${1:-rules}
case "$scope" in
  rules)
    mutate='"app/domain/aqi.py", "app/domain/daily.py", "app/domain/levels.py", "app/domain/runs.py",
            "app/domain/regional.py", "app/domain/episodes.py", "app/domain/recommend.py"'
    tests='"tests/domain"' ;;
  import)
    mutate='"app/importing/cells.py", "app/importing/checks.py", "app/importing/times.py",
            "app/importing/timeaxis.py", "app/importing/columns.py"'
    tests='"tests/importing"' ;;
  *.py)  # one module against the tests given: bash scripts/mutation.sh app/domain/runs.py tests/domain/test_x.py
    [ -f "$scope" ] && [ -e "${2:-}" ] || { echo "usage: bash scripts/mutation.sh MODULE.py TESTS" >&2; exit 2; }
    mutate="\"$scope\""
    tests="\"$2\"" ;;
  *) echo "usage: bash scripts/mutation.sh rules|import|MODULE.py TESTS" >&2; exit 2 ;;
esac
[ -x .venv/bin/python ] || { echo "run scripts/setup.sh first" >&2; exit 2; }
.venv/bin/python -c "import mutmut" 2>/dev/null \
  || .venv/bin/python -m pip install -q --disable-pip-version-check -c requirements/lock.txt -r requirements/mutation.in
work=$(mktemp -d "${TMPDIR:-/tmp}/hazedesk-mutation.XXXXXX")
trap 'rm -rf "$work"' EXIT
git archive HEAD | tar -x -C "$work"
cat >> "$work/pyproject.toml" <<TOML

[tool.mutmut]
paths_to_mutate = [$mutate]
also_copy = ["app", "maps", "data", "resources", "tests", "tools"]
tests_dir = [$tests]
pytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "-m", "not slow"]
TOML
cd "$work"
export QT_QPA_PLATFORM=offscreen
"$OLDPWD/.venv/bin/mutmut" run --max-children "${HAZEDESK_MUTATION_JOBS:-2}" > mutmut.log 2>&1 || true
"$OLDPWD/.venv/bin/mutmut" results > results.txt 2>&1 || true
survived=$(grep -c ": survived" results.txt || true)
total=$(tr '\r' '\n' < mutmut.log | grep -Eo '[0-9]+/[0-9]+' | tail -1 | cut -d/ -f2 || true)
if [ -z "$total" ]; then
  echo "mutation run ($scope): mutmut ran no mutant; its log:" >&2; tail -20 mutmut.log >&2; exit 1
fi
echo "mutation run ($scope): $total mutants, $survived survived"
[ "$total" -gt 0 ] && awk -v t="$total" -v s="$survived" \
  'BEGIN { printf "score: %.1f %% killed\n", 100 * (t - s) / t }'
grep ": survived" results.txt | sed 's/^/  survived: /' | head -100
