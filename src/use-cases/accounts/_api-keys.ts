// The shape of an API key. Keys look like `concord_<prefix>_<secret>`; the prefix finds the row,
// the secret proves it. Only the secret's SHA-256 is stored (it is 256 random bits, so a slow hash
// adds nothing).
import { createHash } from 'node:crypto';

export const hashApiSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function parseApiKey(token: string): { prefix: string; secret: string } | undefined {
  const m = /^concord_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/.exec(token.trim());
  return m ? { prefix: m[1]!, secret: m[2]! } : undefined;
}
