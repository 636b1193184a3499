// A search for a child as an address that survives Back, Reload and a bookmark (GET), without its
// terms in the URL: the terms are sealed into an opaque token that only the person who searched can
// open (it is bound to them) for SEARCH_LINK_DAYS. Opening it runs the search again (audited by
// `searchChildren`); a token that is not theirs, is too old or was made under a retired key opens to
// nothing.
import { type SearchInput, searchErrors } from '../../domain/children.ts';
import type { Actor } from '../../domain/staff.ts';
import type { Deps } from '../kernel/deps.ts';
import { invalid, type Outcome, ok } from '../kernel/outcome.ts';
import { openToken, sealToken } from '../kernel/sealing.ts';

export const SEARCH_LINK_DAYS = 30;
const context = (actor: Actor) => `child-search|${actor.partnershipId}|${actor.userId}`;

export function linkSearch(deps: Deps, actor: Actor, input: SearchInput): Outcome<{ token: string }> {
  const query = (input.query ?? '').trim();
  const dateOfBirth = (input.dateOfBirth ?? '').trim();
  const errors = searchErrors(query, dateOfBirth);
  if (errors.length) return invalid(errors);
  return ok({ token: sealToken(deps.keyring, context(actor), JSON.stringify({ query, dateOfBirth, at: deps.now().getTime() })) });
}

export function openSearchLink(deps: Deps, actor: Actor, token: string): Required<SearchInput> | undefined {
  const plain = openToken(deps.keyring, context(actor), token);
  if (!plain) return undefined;
  const s = JSON.parse(plain) as { query: string; dateOfBirth: string; at: number };
  return deps.now().getTime() - s.at > SEARCH_LINK_DAYS * 86_400_000 ? undefined : { query: s.query, dateOfBirth: s.dateOfBirth };
}
