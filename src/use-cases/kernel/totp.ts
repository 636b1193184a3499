// Time-based one-time passwords (RFC 6238) with otplib: a secret for a new authenticator, the
// otpauth:// URI and its QR code (inline SVG, so enrolment needs no JavaScript and no image
// request), and checking a code at the service's clock (deps.now), one step either side for drift.
// Replay (a step already accepted) is refused by the caller with domain/credentials.ts. ADR 0017.
import { generate, generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { SealedColumn } from '../../db/schema.ts';
import { TOTP_STEP_SECONDS, TOTP_TOLERANCE_STEPS, totpStep } from '../../domain/credentials.ts';

import { sealAs, unsealAs } from './sealed.ts';
import type { Keyring } from './sealing.ts';

export const TOTP_ISSUER = 'Concord';

/** The secret as stored on the account: sealed under the account's id. */
export const sealTotpSecret = (keyring: Keyring, userId: string, secret: string): SealedColumn => sealAs(keyring, 'totp-secret', userId, { secret });
export const unsealTotpSecret = (keyring: Keyring, userId: string, sealed: SealedColumn): string => unsealAs(keyring, 'totp-secret', userId, sealed).secret;

export const newTotpSecret = (): string => generateSecret();

/** The URI an authenticator app reads. The label is the account's e-mail address, shown only to its owner. */
export const totpUri = (secret: string, label: string): string => generateURI({ issuer: TOTP_ISSUER, label, secret });

/** The QR code of the URI as an SVG element (dark on light, with a quiet zone). */
export async function totpQrSvg(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#0b0c0c', light: '#ffffff' } });
  // Drop the XML prolog; give the image its accessible name (the page also shows the key as text).
  return svg.replace(/^<\?xml[^>]*>\s*/, '').replace('<svg ', '<svg role="img" aria-label="QR code for your authenticator app" focusable="false" width="200" height="200" ');
}

/** The code for `at` (tests and the demo's instructions). */
export const totpCode = (secret: string, at: Date): Promise<string> => generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

/** The time step the code belongs to, or undefined if it is not valid around `at`. */
export async function totpStepOf(secret: string, code: string, at: Date): Promise<number | undefined> {
  try {
    const result = await verify({ secret, token: code, epoch: Math.floor(at.getTime() / 1000), epochTolerance: TOTP_STEP_SECONDS * TOTP_TOLERANCE_STEPS });
    return result.valid ? totpStep(at) + result.delta : undefined;
  } catch {
    return undefined;
  }
}
