#!/usr/bin/env bash
# Installs what the tests need outside node_modules, idempotently and only when missing:
#   - Debian packages (Chromium for the browser tests, libkrb5-dev for code-server's native build,
#     ripgrep for the scan benchmark, the servers the probe tests talk to, Go and python3-requests
#     for the resilience fixes' Go and Python tests);
#   - a VS Code server (code-server) with its own Node.js 24, in a cache folder keyed by version.
# Safe to run repeatedly; prints one line per thing it had to install.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
CACHE_ROOT="${IO_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/integration-orchestrator}"
SERVER_DIR="$CACHE_ROOT/code-server-$CODE_SERVER_VERSION"

# The inner npm installs run with an environment built from scratch, never the caller's: inside
# `npm test` or `npm run demo` the outer npm (on the machine's Node 20) exports npm_config_*,
# npm_config_user_agent, npm_lifecycle_*, INIT_CWD and NODE, and code-server's postinstall reads its
# Node version from npm_config_user_agent. Only what an install needs from the machine is passed on.
INSTALL_ENV_PASSTHROUGH=(HOME USER LOGNAME LANG LC_ALL TERM TMPDIR XDG_CACHE_HOME XDG_CONFIG_HOME
  HTTP_PROXY HTTPS_PROXY NO_PROXY http_proxy https_proxy no_proxy
  NODE_EXTRA_CA_CERTS SSL_CERT_FILE SSL_CERT_DIR)
install_env() {
  local path="$1" name entry clean_path=""; shift
  # PATH without the folders the outer npm put first (its node-gyp-bin and node_modules/.bin).
  local IFS=':'
  for entry in $path; do
    case "$entry" in */node_modules/.bin|*/node-gyp-bin|"") ;; *) clean_path="${clean_path:+$clean_path:}$entry" ;; esac
  done
  unset IFS
  local vars=("PATH=$clean_path")
  for name in "${INSTALL_ENV_PASSTHROUGH[@]}"; do
    [ -n "${!name+x}" ] && vars+=("$name=${!name}")
  done
  env -i "${vars[@]}" "$@"
}

# `setup-test-env.sh --print-install-env` prints the environment the inner installs get (for the tests).
if [ "${1:-}" = "--print-install-env" ]; then
  install_env "$PATH" env
  exit 0
fi

DEBIAN_PACKAGES=(chromium libkrb5-dev ripgrep redis-server postgresql rabbitmq-server nats-server mariadb-server openssl util-linux golang-go python3-requests)
# The generator tests compile generated code with each language's toolchain against Debian's
# packaged libraries (no module proxy or crates.io here): Go modules, the RabbitMQ Java client,
# Python client libraries, and the Rust crates `cargo check --offline` resolves from /usr/share/cargo/registry.
DEBIAN_PACKAGES+=(golang-github-jackc-pgx-v4-dev golang-github-rabbitmq-amqp091-go-dev golang-github-segmentio-kafka-go-dev
  golang-github-gomodule-redigo-dev librabbitmq-client-java python3-pika python3-redis python3-psycopg python3-kafka
  librust-reqwest-dev librust-tokio-dev librust-hyper-dev librust-hmac-dev librust-sha2-dev librust-subtle-dev
  librust-hex-dev librust-rand-dev librust-serde-json-dev librust-tracing-dev librust-httpdate-dev)
# `integration-orchestrator fix`'s unified diff is checked by applying it with patch(1).
DEBIAN_PACKAGES+=(patch)

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >&2
  # Servers must not start system-wide instances: the tests start their own on private ports.
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" > "${TMPDIR:-/tmp}/io-apt.log" 2>&1 \
    || { cat "${TMPDIR:-/tmp}/io-apt.log" >&2; exit 1; }
  $SUDO rm -f /usr/sbin/policy-rc.d
fi

if [ ! -x "$SERVER_DIR/node_modules/.bin/code-server" ] || [ ! -f "$SERVER_DIR/.complete" ]; then
  echo "setup: installing code-server $CODE_SERVER_VERSION into $SERVER_DIR (takes a few minutes once)" >&2
  rm -rf "$SERVER_DIR"
  mkdir -p "$SERVER_DIR"
  cd "$SERVER_DIR"
  # code-server needs Node 24, installed apart from the server so that npm never prunes it
  # mid-install; the server's native modules must build against Node 24's headers.
  NODE24_HOME="$SERVER_DIR/node24"
  mkdir -p "$NODE24_HOME"
  (cd "$NODE24_HOME" && echo '{"name":"io-node24","private":true}' > package.json \
    && install_env "$PATH" npm install --no-audit --no-fund --loglevel=error node@24 >&2)
  NODE24_DIR="$(dirname "$(find "$NODE24_HOME/node_modules" -path '*/include/node/common.gypi' -print -quit)")"
  NODE24_DIR="${NODE24_DIR%/include/node}"
  echo '{"name":"io-code-server-host","private":true}' > package.json
  install_env "$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    npm install --no-audit --no-fund --loglevel=error --unsafe-perm "code-server@$CODE_SERVER_VERSION" >&2
  ln -sfn "$NODE24_DIR/bin/node" "$SERVER_DIR/node"
  # Self-check before the install is marked complete: the server must start under its own Node.
  version_out="$(install_env "$PATH" "$SERVER_DIR/node" "$(readlink -f "$SERVER_DIR/node_modules/.bin/code-server")" --version 2>&1)" \
    || { echo "setup: code-server $CODE_SERVER_VERSION was installed but does not start: $version_out" >&2; exit 1; }
  case "$version_out" in
    *"$CODE_SERVER_VERSION"*) ;;
    *) echo "setup: code-server --version printed '$version_out', expected $CODE_SERVER_VERSION" >&2; exit 1 ;;
  esac
  touch "$SERVER_DIR/.complete"
fi
echo "$SERVER_DIR"
