// One typed configuration for the whole application, read once in the composition root.
// Development has safe defaults; production refuses to start without its secrets.
import { createHash, createPrivateKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { EmailSettings } from './adapters/notifier.ts';

const DEV_SESSION_SECRET = 'development-only-session-secret-change-me-0123456789';
// 32 zero-ish bytes are fine for a laptop and never accepted in production.
const DEV_KEK = Buffer.from('concord-development-key-encrypt!').toString('base64');

const booleanish = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().min(1).default('pglite://./data'),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  KEY_ENCRYPTION_KEYS: z.string().optional(),
  AUDIT_SIGNING_KEY: z.string().optional(),
  KEY_ENCRYPTION_KEY_ID: z.string().optional(),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_DATA: booleanish.optional(),
  COOKIE_SECURE: booleanish.optional(),
  JOBS: booleanish.optional(),
  EMAIL_NOTIFIER: z.enum(['outbox', 'govuk-notify'], { error: 'EMAIL_NOTIFIER must be "outbox" or "govuk-notify"' }).default('outbox'),
  NOTIFY_API_KEY: z.string().optional(),
  NOTIFY_EMAIL_TEMPLATE_ID: z.string().optional(),
  PUBLIC_URL: z.string().optional(),
  TRUST_PROXY: z.string().optional(),
  API_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(600),
});

export interface KeyEncryptionKey {
  id: string;
  key: Buffer;
}

export interface Config {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  databaseUrl: string;
  session: { secret: string; idleMinutes: number; maxHours: number; cookieSecure: boolean };
  /** Key-encryption keys by id; `current` wraps new data keys, the rest still unwrap old ones. */
  keys: { current: string; all: KeyEncryptionKey[] };
  login: { maxAttempts: number; lockMinutes: number };
  logLevel: string;
  demoData: boolean;
  jobs: boolean;
  /** Signs the audit log's checkpoints (Ed25519). `development` marks the built-in, public, dev-only key. */
  audit: { signingKey: KeyObject; development: boolean };
  /** How e-mails from the outbox leave Concord: kept in the local outbox, or sent through GOV.UK Notify. */
  email: EmailSettings;
  /** Where people reach Concord (no trailing slash); e-mails tell them to sign in there. */
  publicUrl: string;
  /** The addresses (or CIDR ranges) of the reverse proxies whose X-Forwarded-For and
   *  X-Forwarded-Proto are believed; empty (the default) believes no client-supplied header (ADR 0040). */
  trustProxy: string[];
  /** Calls to the JSON API per minute from one client address; more are refused with a 429 problem. 0: no limit. */
  apiRateLimit: number;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Concord cannot start: its configuration is not valid.\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function parseKeys(spec: string, problems: string[]): KeyEncryptionKey[] {
  // KEY_ENCRYPTION_KEYS="k2026:BASE64,k2025:BASE64" — each key is 32 bytes, base64.
  const keys: KeyEncryptionKey[] = [];
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [id, b64] = part.split(':');
    if (!id || !b64 || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
      problems.push('KEY_ENCRYPTION_KEYS must look like "keyid:BASE64KEY,otherid:BASE64KEY"');
      continue;
    }
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) problems.push(`KEY_ENCRYPTION_KEYS: key "${id}" must be 32 bytes (base64 of 32 random bytes)`);
    else keys.push({ id, key });
  }
  return keys;
}

// DEVELOPMENT ONLY: an Ed25519 key derived from a public phrase, so every laptop signs the same way.
// Anyone can forge checkpoints with it; production refuses it.
const DEV_AUDIT_SEED = createHash('sha256').update('concord development-only audit signing key: NOT SECRET, never use in production').digest();
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
export const devAuditSigningKey = (): KeyObject => createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, DEV_AUDIT_SEED]), format: 'der', type: 'pkcs8' });

function parseAuditKey(text: string, problems: string[]): KeyObject | undefined {
  // AUDIT_SIGNING_KEY: an Ed25519 private key as PKCS#8 PEM, or base64 of its PKCS#8 DER.
  try {
    const trimmed = text.trim().replace(/\\n/g, '\n');
    const key = trimmed.startsWith('-----BEGIN') ? createPrivateKey(trimmed) : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
    if (key.asymmetricKeyType !== 'ed25519') {
      problems.push(`AUDIT_SIGNING_KEY must be an Ed25519 private key (got ${key.asymmetricKeyType ?? 'another kind'})`);
      return undefined;
    }
    return key;
  } catch {
    problems.push('AUDIT_SIGNING_KEY must be an Ed25519 private key, PKCS#8 PEM or base64 DER (openssl genpkey -algorithm ed25519)');
    return undefined;
  }
}

// A GOV.UK Notify API key is "{key name}-{service id}-{secret key}", both ids UUIDs.
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const NOTIFY_API_KEY = new RegExp(`^.+-${UUID}-${UUID}$`, 'i');
const TEMPLATE_ID = new RegExp(`^${UUID}$`, 'i');

function parseEmail(e: z.infer<typeof envSchema>, problems: string[]): EmailSettings {
  if (e.EMAIL_NOTIFIER === 'outbox') return { notifier: 'outbox' };
  const apiKey = e.NOTIFY_API_KEY?.trim() ?? '';
  const templateId = e.NOTIFY_EMAIL_TEMPLATE_ID?.trim() ?? '';
  if (!apiKey) problems.push('NOTIFY_API_KEY is required when EMAIL_NOTIFIER=govuk-notify (a GOV.UK Notify API key)');
  else if (!NOTIFY_API_KEY.test(apiKey)) problems.push('NOTIFY_API_KEY must be a GOV.UK Notify API key: "{key name}-{service id}-{secret key}"');
  if (!templateId) problems.push('NOTIFY_EMAIL_TEMPLATE_ID is required when EMAIL_NOTIFIER=govuk-notify (the id of the e-mail template with ((subject)) and ((body)))');
  else if (!TEMPLATE_ID.test(templateId)) problems.push('NOTIFY_EMAIL_TEMPLATE_ID must be a GOV.UK Notify template id (a UUID)');
  return { notifier: 'govuk-notify', apiKey, templateId };
}

function parsePublicUrl(value: string | undefined, port: number, problems: string[]): string {
  if (value === undefined || value.trim() === '') return `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    problems.push('PUBLIC_URL must be an address such as https://concord.example.org');
    return value;
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username || url.password) {
    problems.push('PUBLIC_URL must be an http or https address without a query, fragment or credentials, such as https://concord.example.org');
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

// An IPv4 or IPv6 address, optionally with a /prefix: what proxy-addr accepts as a trusted proxy.
const PROXY_ADDRESS = /^(?:(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?|[0-9a-f:]*:[0-9a-f:.]*(?:\/\d{1,3})?)$/i;

/** TRUST_PROXY="10.0.0.5, 10.1.0.0/16": the reverse proxies in front of Concord. Only their
 *  X-Forwarded-For is believed, so a client cannot choose the address the rate limits count. */
export function parseTrustProxy(value: string | undefined, problems: string[]): string[] {
  if (value === undefined || value.trim() === '') return [];
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const p of parts) {
    if (!PROXY_ADDRESS.test(p)) problems.push(`TRUST_PROXY must be a comma-separated list of proxy IP addresses or CIDR ranges (such as 10.0.0.5,10.1.0.0/16); "${p}" is not one`);
  }
  return parts;
}

const keyFingerprint = (k: KeyObject) =>
  createHash('sha256')
    .update(k.export({ format: 'der', type: 'pkcs8' }))
    .digest('hex');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const problems: string[] = [];

  if (production && !e.SESSION_SECRET) problems.push('SESSION_SECRET is required in production');
  if (production && !e.KEY_ENCRYPTION_KEYS) problems.push('KEY_ENCRYPTION_KEYS is required in production');
  if (production && e.DATABASE_URL.startsWith('pglite:')) {
    problems.push('DATABASE_URL must be a postgres:// URL in production (PGlite is for one machine)');
  }
  if (production && e.SESSION_SECRET === DEV_SESSION_SECRET) problems.push('SESSION_SECRET must not be the development default');

  const keys = e.KEY_ENCRYPTION_KEYS ? parseKeys(e.KEY_ENCRYPTION_KEYS, problems) : [{ id: 'dev', key: Buffer.from(DEV_KEK, 'base64') }];
  const current = e.KEY_ENCRYPTION_KEY_ID ?? keys[0]?.id ?? 'dev';
  if (keys.length > 0 && !keys.some((k) => k.id === current)) problems.push(`KEY_ENCRYPTION_KEY_ID "${current}" is not one of KEY_ENCRYPTION_KEYS`);
  if (production && keys.some((k) => k.key.equals(Buffer.from(DEV_KEK, 'base64')))) problems.push('KEY_ENCRYPTION_KEYS must not contain the development key');
  if (production && !e.AUDIT_SIGNING_KEY) problems.push('AUDIT_SIGNING_KEY is required in production (an Ed25519 private key; openssl genpkey -algorithm ed25519)');
  const auditKey = e.AUDIT_SIGNING_KEY ? parseAuditKey(e.AUDIT_SIGNING_KEY, problems) : devAuditSigningKey();
  if (production && auditKey && keyFingerprint(auditKey) === keyFingerprint(devAuditSigningKey())) problems.push('AUDIT_SIGNING_KEY must not be the development key');
  const email = parseEmail(e, problems);
  if (production && email.notifier === 'govuk-notify' && !e.PUBLIC_URL) problems.push('PUBLIC_URL is required in production with EMAIL_NOTIFIER=govuk-notify: e-mails tell people where to sign in');
  const publicUrl = parsePublicUrl(e.PUBLIC_URL, e.PORT, problems);
  const trustProxy = parseTrustProxy(e.TRUST_PROXY, problems);
  // Production serves over HTTPS only: Secure cookies and HSTS cannot be switched off there (ADR 0040).
  if (production && e.COOKIE_SECURE === false) problems.push('COOKIE_SECURE cannot be false in production: session cookies are Secure and HSTS is sent (serve Concord over HTTPS)');
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: e.NODE_ENV,
    host: e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    session: {
      secret: e.SESSION_SECRET ?? DEV_SESSION_SECRET,
      idleMinutes: e.SESSION_IDLE_MINUTES,
      maxHours: e.SESSION_MAX_HOURS,
      cookieSecure: e.COOKIE_SECURE ?? production,
    },
    keys: { current, all: keys },
    login: { maxAttempts: e.LOGIN_MAX_ATTEMPTS, lockMinutes: e.LOGIN_LOCK_MINUTES },
    logLevel: e.LOG_LEVEL,
    demoData: e.DEMO_DATA ?? !production,
    jobs: e.JOBS ?? true,
    audit: { signingKey: auditKey!, development: !e.AUDIT_SIGNING_KEY },
    email,
    publicUrl,
    trustProxy,
    apiRateLimit: e.API_RATE_LIMIT,
  };
}
