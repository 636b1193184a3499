// Setting up an authenticator app, at first sign-in (every account signs in with a second factor,
// DESIGN "Security defaults"; NHS DSPT; NCSC cloud principle 10): a new secret, sealed on the
// account until the person proves their app has it (confirmTotpEnrolment). Showing the page again
// shows the same secret, so a person who reloads while scanning is not confused. ADR 0017.
import { findCredentials, setPendingTotpSecret } from '../../db/queries/credentials.ts';
import type { Deps } from '../kernel/deps.ts';
import { conflict, notFound, type Outcome, ok } from '../kernel/outcome.ts';
import { newTotpSecret, totpQrSvg, totpUri } from '../kernel/totp.ts';
import { type AccountRef, sealTotpSecret, unsealTotpSecret } from './_credentials.ts';

export interface TotpEnrolment {
  /** The key, grouped in fours for typing into an app by hand. */
  secretForTyping: string;
  uri: string;
  qrSvg: string;
}

export async function startTotpEnrolment(deps: Deps, account: Pick<AccountRef, 'partnershipId' | 'userId'>): Promise<Outcome<TotpEnrolment>> {
  const user = await findCredentials(deps.db, account.partnershipId, account.userId);
  if (!user?.active) return notFound;
  if (user.totp_enrolled_at) return conflict('An authenticator app is already set up for this account');
  let secret = user.totp_secret ? unsealTotpSecret(deps.keyring, user.id, user.totp_secret) : undefined;
  if (!secret) {
    secret = newTotpSecret();
    await setPendingTotpSecret(deps.db, user.partnership_id, user.id, sealTotpSecret(deps.keyring, user.id, secret));
  }
  const uri = totpUri(secret, user.email);
  return ok({ secretForTyping: secret.replace(/(.{4})(?=.)/g, '$1 '), uri, qrSvg: await totpQrSvg(uri) });
}
