// The engine's advice as a practitioner reads it in Concord: a short summary (the outcome, the main
// reason, the lawful basis and the 3–5 things to do now) with everything else folded away, never
// saying the same thing twice (issue 15 item 4). Pure: the engine's `Decision` is not changed (it is
// what is stored and what the API returns); this only decides how it is shown.
//
// Two things depend on who is reading it in Concord:
//   - conditions Concord itself fulfils when the information is sent through it are shown as done,
//     not as instructions: it is the secure channel (Wirral 2022 App. 2 s.4.3, s.6.3; Sandwell 2022
//     s.9.1 — encrypted, to the named agency only, and its notifications carry no names), it shows the
//     originator on every item (Southampton 2010 s.9), it asks the originator before anything is
//     passed on (Southampton 2010 s.10–11) and it records the decision and reasons (golden rule 7).
//     They still apply to information shared outside Concord, so they are listed for that case;
//   - a practitioner whose own agency is children's social care (a local authority) is not told to
//     refer to children's social care, but to act on it in their own service.
import type { Sector } from '../staff.ts';
import { type ConditionCode, conditionLabels, type Decision } from './engine.ts';

/** Conditions Concord fulfils for information sent through it, and how it fulfils them. */
export const FULFILLED_BY_CONCORD: Readonly<Partial<Record<ConditionCode, string>>> = {
  share_securely: 'Concord sends it securely: encrypted, to the agency you choose and no one else',
  use_secure_email: 'Concord sends it securely: encrypted, to the agency you choose and no one else',
  initials_in_email: 'Concord’s e-mails and notifications never name the child or family',
  show_originator: 'Concord shows your agency, your name and the date on everything you send, so it can be traced and corrected',
  agree_onward_sharing: 'Concord asks for your agency’s agreement before anyone passes the information on',
  record_reasons: 'Concord records your decision and reasons when you record them on the next page',
};

/** At most this many things to do now; the rest are folded (issue 15 item 4: "the 3–5 things"). */
export const MAX_TO_DO_NOW = 5;

/** Agencies that are themselves children's social care: a council's children's services. */
const CHILDRENS_SOCIAL_CARE: ReadonlySet<Sector> = new Set<Sector>(['local_authority']);

const OWN_SERVICE_REFERRAL =
  'Act on it in your own service without delay, following child protection procedures (a strategy discussion or an assessment), and tell the police where a crime may have been committed';

export interface AdviceReader {
  /** The sector of the reader's agency; unknown: advice for any agency. */
  sector?: Sector | undefined;
}

export interface AdviceSummary {
  outcome: Decision['outcome'];
  /** The main reason, from the rule that decided. */
  headline: string;
  /** The things to do now, in the engine's order of priority (at most MAX_TO_DO_NOW). */
  toDoNow: { code: ConditionCode; text: string }[];
  /** The other things the protocol asks, folded away. */
  alsoToDo: { code: ConditionCode; text: string }[];
  /** What Concord does, once each. */
  done: string[];
  /** The instructions Concord fulfils, for information shared outside Concord. */
  outsideConcord: { code: ConditionCode; text: string }[];
  /** The other reasons, folded away (the headline is not repeated). */
  moreReasons: string[];
}

export function summariseAdvice(decision: Decision, reader: AdviceReader = {}): AdviceSummary {
  const text = (code: ConditionCode): string =>
    code === 'refer_to_childrens_social_care' && reader.sector !== undefined && CHILDRENS_SOCIAL_CARE.has(reader.sector) ? OWN_SERVICE_REFERRAL : (conditionLabels[code] ?? code);
  const fulfilled = decision.conditions.filter((c) => FULFILLED_BY_CONCORD[c] !== undefined);
  const toDo = decision.conditions.filter((c) => FULFILLED_BY_CONCORD[c] === undefined).map((code) => ({ code, text: text(code) }));
  return {
    outcome: decision.outcome,
    headline: decision.reasons[0] ?? '',
    toDoNow: toDo.slice(0, MAX_TO_DO_NOW),
    alsoToDo: toDo.slice(MAX_TO_DO_NOW),
    done: [...new Set(fulfilled.map((c) => FULFILLED_BY_CONCORD[c]!))],
    outsideConcord: fulfilled.filter((c) => c !== 'record_reasons').map((code) => ({ code, text: text(code) })),
    moreReasons: decision.reasons.slice(1),
  };
}
