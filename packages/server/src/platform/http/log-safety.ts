/*
 * Errors as they may be logged: without personal data. A failed SQL statement carries its parameters — Drizzle puts
 * them in its error's message and `params`, PGlite's prepared statements carry them as literals in the query text,
 * PostgreSQL's `detail` quotes the failing row ("Failing row contains (…, 13812345678, …)") — and those are a
 * reporter's phone, a person's ID number. The log keeps what says what went wrong (the statement's shape, the
 * SQLSTATE, the constraint, table and column, the stack) and drops the values.
 */

/** Fields of a driver error that name the failure, never the data. */
const KEPT = ['code', 'constraint', 'table', 'column', 'schema', 'severity', 'routine', 'dataType'] as const;

/** SQL string literals ('…', with '' inside) and everything after Drizzle's "params:" line. */
const LITERAL = /'(?:[^']|'')*'/g;
const PARAMS = /\nparams: [\s\S]*$/;

export function scrubSql(text: string): string {
  return text.replace(PARAMS, '\nparams: (not logged)').replace(LITERAL, "'…'");
}

export interface SafeError {
  type: string;
  message: string;
  stack: string;
  cause?: SafeError;
  [field: string]: unknown;
}

/** The `err` serializer of the logger: every error logged anywhere goes through it. */
export function safeError(err: unknown, depth = 0): SafeError {
  if (!(err instanceof Error)) return { type: typeof err, message: '(not an Error: not logged)', stack: '' };
  const message = scrubSql(err.message);
  const type = err.name || err.constructor.name;
  // The stack begins with "<name>: <message>" (the message may span lines): keep only the frames after it.
  const header = `${err.name}: ${err.message}`;
  const stack = !err.stack
    ? ''
    : err.stack.startsWith(header)
      ? `${type}: ${message}${err.stack.slice(header.length)}`
      : scrubSql(err.stack);
  const out: SafeError = { type, message, stack };
  const e = err as unknown as Record<string, unknown>;
  for (const k of KEPT) if (typeof e[k] === 'string' || typeof e[k] === 'number') out[k] = e[k];
  if (typeof e['statusCode'] === 'number') out['statusCode'] = e['statusCode'];
  if (err.cause !== undefined && depth < 4) out.cause = safeError(err.cause, depth + 1);
  return out;
}
