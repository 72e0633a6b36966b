#!/usr/bin/env bash
# Installs axe-core, the accessibility checker the browser tests inject into each page,
# from npm into .tools/npm (git-ignored), so the tests run offline. Skips the install
# when the pinned version is already there.
set -euo pipefail

AXE_VERSION=4.14.1
prefix="$(cd "$(dirname "$0")/.." && pwd)/.tools/npm"
installed="$prefix/node_modules/axe-core/package.json"

if [ -f "$installed" ] && grep -q "\"version\": \"$AXE_VERSION\"" "$installed"; then
  exit 0
fi
echo "Installing axe-core $AXE_VERSION into $prefix"
npm install --prefix "$prefix" --no-save --no-audit --no-fund --silent "axe-core@$AXE_VERSION"
