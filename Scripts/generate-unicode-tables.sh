#!/usr/bin/env bash
# Regenerates Sources/BitextCore/UnicodeTables+Data.swift from the system ICU.
# Run it after an ICU upgrade; UnicodeTablesTests then checks every code point.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product GenerateUnicodeTables
"$(swift build --show-bin-path)/GenerateUnicodeTables" Sources/BitextCore/UnicodeTables+Data.swift
