#!/usr/bin/env bash
# Installs the Debian packages the test suite needs (browser, PDF tools,
# PostgreSQL server binaries, a Unicode font, LibreOffice Calc without its GUI,
# which opens CSV exports the way a ";"-locale Excel does, Node.js for npm), then
# axe-core (scripts/install_axe.sh). Skips what is already there so repeated runs
# cost nothing; needs root only when something is missing.
set -euo pipefail

packages=(chromium poppler-utils fonts-dejavu-core postgresql libreoffice-calc-nogui)
# Node.js brings npm on this machine's image; Debian's own nodejs ships it apart.
command -v npm >/dev/null || packages+=(nodejs npm)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
  else
    SUDO=
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

bash "$(dirname "$0")/install_axe.sh"
