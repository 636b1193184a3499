#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx concord ...` works from a checkout.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/index.ts');
await main(process.argv);
