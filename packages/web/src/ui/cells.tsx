import type { ReactNode } from 'react';

/** Codes, numbers and dates should never break across lines in a compact table. */
export function noWrap(value: ReactNode) {
  return <span style={{ whiteSpace: 'nowrap' }}>{value ?? '—'}</span>;
}
