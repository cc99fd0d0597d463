#!/usr/bin/env bash
# Print the path of a pythonX.Y interpreter: the one on PATH, else the newest pyenv build of that version.
# Exit 1 (printing nothing) when there is none. Usage: tests/tools/find_python.sh 3.13 [PYENV_ROOT]
set -euo pipefail
version=$1
pyenv_root=${2:-${PYENV_ROOT:-$HOME/.pyenv}}
if command -v "python$version" >/dev/null 2>&1 && "python$version" -c '' 2>/dev/null; then
    command -v "python$version"
    exit 0
fi
found=
for candidate in "$pyenv_root"/versions/"$version".*/bin/python"$version"; do
    if [ -x "$candidate" ]; then found=$candidate; fi
done
[ -n "$found" ] || exit 1
echo "$found"
