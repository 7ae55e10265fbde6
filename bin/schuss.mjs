#!/usr/bin/env node
// `npx schuss …`: the operator command, run from its TypeScript source through tsx (a dependency).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/schuss.ts');
