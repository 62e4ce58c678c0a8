#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so the command always matches the checked-out source.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
