#!/usr/bin/env bash
# Installs what the real-VS-Code test run (test/vscode/run.mjs) and `npm start` need:
#   - Debian packages: chromium (headless browser), libkrb5-dev (headers for a native
#     module of code-server), ripgrep (stands in for @vscode/ripgrep's download),
#     fonts (readable screenshots);
#   - code-server (VS Code's own workbench + extension host, served over HTTP) into a
#     cache folder OUTSIDE the repository.
# Idempotent: whatever is already present is skipped, so a second run takes about a second.
#
# Environment:
#   CLASSWORKS_TOOLS_DIR   cache folder (default: $HOME/.cache/classworks-enrollment-tools)
#   CODE_SERVER_VERSION    code-server version to install (default: 4.100.3 = VS Code 1.100.3,
#                          the last line that runs on Node 20)
# On success the code-server binary is at "$CLASSWORKS_TOOLS_DIR/code-server/node_modules/.bin/code-server".
set -euo pipefail

log() { printf '[ensure-test-tools] %s\n' "$*"; }
die() { printf '[ensure-test-tools] ERROR: %s\n' "$*" >&2; exit 1; }

TOOLS_DIR="${CLASSWORKS_TOOLS_DIR:-${HOME:-/root}/.cache/classworks-enrollment-tools}"
CS_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CS_DIR="$TOOLS_DIR/code-server"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
CS_STAMP="$CS_DIR/.installed-$CS_VERSION"

# Versions that code-server 4.100.x's bundled @vscode/ripgrep looks for in its download cache.
RG_PKG_VERSION="${VSCODE_RIPGREP_PKG_VERSION:-1.15.11}"
RG_RELEASE="${VSCODE_RIPGREP_RELEASE:-v13.0.0-10}"

start=$(date +%s)

# ---------------------------------------------------------------------------
# 1. Debian packages
# ---------------------------------------------------------------------------
APT_PACKAGES=(chromium libkrb5-dev ripgrep fonts-liberation fonts-dejavu-core)

is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  is_installed "$p" || missing+=("$p")
done

if ((${#missing[@]})); then
  command -v apt-get >/dev/null || die "missing Debian packages (${missing[*]}) and no apt-get on this machine"
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "missing Debian packages (${missing[*]}); run as root or install sudo"
    SUDO=(sudo)
  fi
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -q -o DPkg::Lock::Timeout=300 >/dev/null || die "apt-get update failed"
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 "${missing[@]}" </dev/null \
    || die "apt-get install ${missing[*]} failed"
else
  log "Debian packages present: ${APT_PACKAGES[*]}"
fi

[ -x /usr/bin/chromium ] || die "/usr/bin/chromium not found after installing the chromium package"
command -v rg >/dev/null || die "rg (ripgrep) not found after installing the ripgrep package"
command -v node >/dev/null || die "node is not on PATH"
command -v npm >/dev/null || die "npm is not on PATH"

# ---------------------------------------------------------------------------
# 2. code-server
# ---------------------------------------------------------------------------
if [ -f "$CS_STAMP" ] && [ -x "$CS_BIN" ]; then
  log "code-server $CS_VERSION present in $CS_DIR"
else
  log "installing code-server $CS_VERSION into $CS_DIR (takes a minute or two, ~300 MB)"
  mkdir -p "$CS_DIR"

  # @vscode/ripgrep's postinstall downloads rg from a code host this machine cannot reach.
  # It first looks in <os.tmpdir()>/vscode-ripgrep-cache-<pkg version>/ripgrep-<release>-<target>.tar.gz;
  # a tarball holding Debian's rg as a top-level file named `rg` satisfies it.
  case "$(uname -m)" in
    x86_64) rg_target=x86_64-unknown-linux-musl ;;
    aarch64 | arm64) rg_target=aarch64-unknown-linux-musl ;;
    armv7l) rg_target=arm-unknown-linux-gnueabihf ;;
    *) die "unsupported architecture $(uname -m)" ;;
  esac
  node_tmp="$(node -p 'require("os").tmpdir()')"
  rg_cache="$node_tmp/vscode-ripgrep-cache-$RG_PKG_VERSION"
  rg_tarball="$rg_cache/ripgrep-$RG_RELEASE-$rg_target.tar.gz"
  if [ ! -s "$rg_tarball" ]; then
    log "seeding @vscode/ripgrep's cache with Debian's rg: $rg_tarball"
    mkdir -p "$rg_cache"
    rg_stage="$(mktemp -d)"
    cp "$(command -v rg)" "$rg_stage/rg"
    tar -czf "$rg_tarball.tmp" -C "$rg_stage" rg
    mv "$rg_tarball.tmp" "$rg_tarball"
    rm -rf "$rg_stage"
  fi

  # As root, code-server's postinstall needs unsafe-perm; a nested `npx node-gyp` needs consent.
  [ -f "$CS_DIR/package.json" ] || echo '{"name":"classworks-code-server","private":true}' >"$CS_DIR/package.json"
  rm -f "$CS_DIR"/.installed-*
  if ! npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --prefix "$CS_DIR" --no-audit --no-fund --loglevel=error \
    "code-server@$CS_VERSION" </dev/null; then
    die "npm install code-server@$CS_VERSION failed (see the npm output above)"
  fi
  [ -x "$CS_BIN" ] || die "code-server binary missing after install: $CS_BIN"
  touch "$CS_STAMP"
fi

# --config keeps code-server from writing a default config into ~/.config/code-server.
[ -f "$CS_DIR/config.yaml" ] || printf 'auth: none\ncert: false\n' >"$CS_DIR/config.yaml"
cs_version_out="$("$CS_BIN" --config "$CS_DIR/config.yaml" --version 2>/dev/null | grep -E '^[0-9]+\.[0-9]+\.[0-9]+' | head -n1)" \
  || die "code-server does not start: '$CS_BIN --version' failed"
case "$cs_version_out" in
  "$CS_VERSION"*) ;;
  *) die "unexpected code-server version '$cs_version_out' (wanted $CS_VERSION); delete $CS_DIR and retry" ;;
esac

log "ready: code-server $cs_version_out -> $CS_BIN"
log "ready: $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
log "done in $(($(date +%s) - start)) s"
