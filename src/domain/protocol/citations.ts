// Citations only from the partnership's own protocol and the national baseline it extends (issue 15
// item 4): the engine's rules and the questions were built from all the seed protocols and say so
// (`source`), but a partnership running on Wirral 2022 must not be shown Derby, Sandwell or Haringey.
//
// A citation of a local protocol is written "Place YYYY …" ("Wirral 2022 App. 2 s.4.3"); the law and
// national guidance are not ("HM Government 2018 …", "UK GDPR Art. 6", "Children Act 1989 s.47").
// The protocols a pack may cite are those its own clauses cite, after merging over the baseline.
import type { Pack } from './pack.ts';

const LOCAL_PROTOCOL = /^([A-Z][a-z]+ \d{4})\b/;

/** The national guidance every seed protocol follows, cited when nothing more specific is left. */
export const NATIONAL_GUIDANCE = 'HM Government 2018, Information sharing: advice for practitioners';

/** The local protocols a pack's clauses cite ("Wirral 2022"); none for the national baseline. */
export function citedProtocols(pack: Pack): ReadonlySet<string> {
  const found = new Set<string>();
  const visit = (value: unknown, key?: string): void => {
    if (typeof value === 'string') {
      // A protocol the clause itself rests on, not one mentioned in passing "(… Sandwell 2022 s.13.1)".
      if (key === 'clause') for (const part of withoutAsides(value).split(/;\s*/)) addLocal(part, found);
    } else if (Array.isArray(value)) {
      for (const v of value) visit(v);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, k);
    }
  };
  visit(pack);
  return found;
}

function withoutAsides(clause: string): string {
  let s = clause;
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(/\([^()]*\)/g, '');
  }
  return s;
}

function addLocal(part: string, into: Set<string>): void {
  const m = LOCAL_PROTOCOL.exec(part.trim());
  if (m) into.add(m[1]!);
}

/** The parts of a "; "-separated citation that the partnership may be shown: the law, national
 *  guidance and its own protocol. */
export function ownCitations(source: string, cited: ReadonlySet<string>): string[] {
  return source
    .split(/;\s*/)
    .map((s) => s.trim())
    .filter((part) => {
      if (!part) return false;
      const m = LOCAL_PROTOCOL.exec(part);
      return !m || cited.has(m[1]!);
    });
}
