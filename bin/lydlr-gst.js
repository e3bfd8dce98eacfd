#!/usr/bin/env node
// The launcher: load the built CLI and nothing else (see src/cli/main.ts).
import '../dist/cli/main.js';
