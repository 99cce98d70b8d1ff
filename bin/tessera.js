#!/usr/bin/env node
// The installed `tessera` command runs the compiled CLI (`npm run build` first).
import '../dist/node/cli/tessera.js';
