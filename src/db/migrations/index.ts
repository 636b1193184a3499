// The ordered list of frozen migrations. Migrations never import application code.
import type { Migration } from 'kysely/migration';
import * as foundation from './20261122000100_foundation.ts';

export const migrations: Record<string, Migration> = {
  '20261122000100_foundation': foundation,
};
