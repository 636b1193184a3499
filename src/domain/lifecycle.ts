// A lifecycle is a transition table: for each event, the states it may happen in and the state it
// leads to. Requests, disclosures, onward agreements and corrections each have one (DESIGN
// "domain": lifecycles are transition tables), so what may happen next is data that pages, the API
// and tests all read from one place.
export interface Lifecycle<S extends string, E extends string> {
  states: readonly S[];
  /** States nothing more can happen in. */
  final: readonly S[];
  transitions: Readonly<Record<E, { from: readonly S[]; to: S }>>;
}

export function defineLifecycle<S extends string, E extends string>(l: Lifecycle<S, E>): Lifecycle<S, E> {
  for (const [event, t] of Object.entries(l.transitions) as [E, { from: readonly S[]; to: S }][]) {
    for (const s of [...t.from, t.to]) if (!l.states.includes(s)) throw new Error(`${event}: unknown state ${s}`);
    for (const s of t.from) if (l.final.includes(s)) throw new Error(`${event}: leaves the final state ${s}`);
  }
  return l;
}

/** The state after `event`, or undefined if the event cannot happen now. */
export function next<S extends string, E extends string>(l: Lifecycle<S, E>, state: S, event: E): S | undefined {
  const t = l.transitions[event];
  return t?.from.includes(state) ? t.to : undefined;
}

/** The events that can happen in a state. */
export function eventsFrom<S extends string, E extends string>(l: Lifecycle<S, E>, state: S): E[] {
  return (Object.keys(l.transitions) as E[]).filter((e) => l.transitions[e].from.includes(state));
}
