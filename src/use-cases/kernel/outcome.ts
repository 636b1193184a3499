// Use cases return an outcome value; the web, API and CLI map it to a page, problem+json or exit code.
export interface FieldError {
  path: string;
  message: string;
  /** Set when this is a warning the person may confirm rather than an error: its code, to send back
   *  as confirmed (a request's "continue anyway"). */
  warning?: string;
}

export type Outcome<T> = { kind: 'ok'; value: T } | { kind: 'not_found' } | { kind: 'forbidden'; reason: string } | { kind: 'invalid'; errors: FieldError[] } | { kind: 'conflict'; reason: string };

export const ok = <T>(value: T): Outcome<T> => ({ kind: 'ok', value });
export const notFound = { kind: 'not_found' } as const;
export const invalid = (errors: FieldError[]) => ({ kind: 'invalid', errors }) as const;
export const forbidden = (reason: string) => ({ kind: 'forbidden', reason }) as const;
export const conflict = (reason: string) => ({ kind: 'conflict', reason }) as const;

/** Map zod issues to field errors with dotted paths. */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldError[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.') || '_', message: i.message }));
}
