#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine with Swift lacks to build bitext: ICU's
# development files (libicu-dev) and pkg-config. Safe to run again.
set -euo pipefail
if ! command -v swift >/dev/null; then
  echo "bitext needs Swift 6.1 or later on PATH (https://www.swift.org/install/linux/)" >&2
  exit 1
fi
need=()
pkg-config --exists icu-uc icu-i18n 2>/dev/null || need+=(libicu-dev pkg-config)
if ((${#need[@]})); then
  if ! command -v apt-get >/dev/null; then
    echo "bitext needs ICU's development files (Debian/Ubuntu: ${need[*]}); please install them" >&2
    exit 1
  fi
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "installing ${need[*]}" >&2
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
