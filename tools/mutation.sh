#!/bin/sh
# Mutation testing of the core, one module at a time (docs/testing.md). Not part of CI.
# Usage: tools/mutation.sh [module ...]   e.g. tools/mutation.sh compiler report
# Each module is bounded by MUTATION_TIMEOUT seconds (default 900); results accumulate in
# mutants/ (mutmut's cache), so a module cut short resumes where it stopped.
set -u
cd "$(dirname "$0")/.."
MUTMUT=${MUTMUT:-.venv/bin/mutmut}
CHILDREN=${MUTATION_CHILDREN:-1}
mkdir -p mutants
modules=${*:-"compiler engine logic facts report explain whatif check kbtest graph infer conditions parser"}
for module in $modules; do
    echo "== expert.$module"
    timeout "${MUTATION_TIMEOUT:-900}" "$MUTMUT" run --max-children "$CHILDREN" "expert.$module.*" \
        > "mutants/$module.log" 2>&1
    echo "   exit $?"
done

