// Password hashing for local accounts: argon2id with OWASP's minimum parameters (19 MiB, two
// passes). Shared by signing in and by creating the accounts of a new or demo partnership.
import { hash } from '@node-rs/argon2';

export async function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}
