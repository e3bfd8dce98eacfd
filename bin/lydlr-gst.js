#!/usr/bin/env node
// The launcher: load the bundled CLI and nothing else (see src/cli/main.ts, scripts/bundle-cli.mjs).
import '../dist/cli-bundle/main.js';
