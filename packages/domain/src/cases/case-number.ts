/*
 * Case numbers (一案一码, issue 10 §2): one per agency, year and kind, from the agency's pattern, e.g.
 * `温综执罚立〔2026〕第00123号`. This module only formats and parses; the gapless counter (no gaps, no duplicates
 * with two server processes filing at once) is the server's.
 *
 * A pattern is text with placeholders: `{agency}` (the agency's abbreviation, 温综执), `{kind}` (the kind's character,
 * 立 for filing), `{year}` (four digits), `{seq}` or `{seq:N}` (the counter, zero-padded to N digits).
 */

export const DEFAULT_CASE_NUMBER_PATTERN = '{agency}罚{kind}〔{year}〕第{seq:5}号';

/** The character of each number kind in the default pattern (立案, 简易程序, 决定, 不予处罚, 移送). */
export const CASE_NUMBER_KINDS = {
  filing: '立',
  simple: '简',
  decision: '决',
  no_penalty: '不',
  transfer: '移',
} as const;
export type CaseNumberKind = keyof typeof CASE_NUMBER_KINDS;

export interface CaseNumberParts {
  agency: string;
  kind: CaseNumberKind;
  year: number;
  seq: number;
}

const TOKEN = /\{(agency|kind|year|seq)(?::(\d+))?\}/g;

/** Why a pattern cannot number cases, or null: it needs {year} and {seq} once each, and at most one {agency}/{kind}. */
export function patternProblem(pattern: string): string | null {
  const names = [...pattern.matchAll(TOKEN)].map((m) => m[1]);
  for (const n of ['year', 'seq']) if (names.filter((x) => x === n).length !== 1) return `pattern_needs_one_${n}`;
  for (const n of ['agency', 'kind']) if (names.filter((x) => x === n).length > 1) return `pattern_repeats_${n}`;
  const width = /\{seq:(\d+)\}/.exec(pattern)?.[1];
  if (width !== undefined && (Number(width) < 1 || Number(width) > 9)) return 'pattern_seq_width';
  return null;
}

/** The number for these parts. Throws RangeError for a bad pattern, a year outside 1000–9999 or a seq below 1. */
export function formatCaseNumber(pattern: string, p: CaseNumberParts): string {
  const problem = patternProblem(pattern);
  if (problem) throw new RangeError(problem);
  if (!Number.isInteger(p.year) || p.year < 1000 || p.year > 9999) throw new RangeError('year');
  if (!Number.isSafeInteger(p.seq) || p.seq < 1) throw new RangeError('seq');
  return pattern.replace(TOKEN, (_, name: string, width?: string) => {
    if (name === 'agency') return p.agency;
    if (name === 'kind') return CASE_NUMBER_KINDS[p.kind];
    if (name === 'year') return String(p.year);
    return width ? String(p.seq).padStart(Number(width), '0') : String(p.seq);
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The parts of a number written with `pattern`, or null when it does not match. */
export function parseCaseNumber(pattern: string, text: string): CaseNumberParts | null {
  if (patternProblem(pattern)) return null;
  const order: string[] = [];
  let re = '';
  let last = 0;
  for (const m of pattern.matchAll(TOKEN)) {
    re += escape(pattern.slice(last, m.index));
    last = m.index + m[0].length;
    order.push(m[1]!);
    if (m[1] === 'agency') re += '(.+?)';
    else if (m[1] === 'kind') re += `([${Object.values(CASE_NUMBER_KINDS).join('')}])`;
    else if (m[1] === 'year') re += '(\\d{4})';
    else re += m[2] ? `(\\d{${m[2]},})` : '(\\d+)';
  }
  re += escape(pattern.slice(last));
  const match = new RegExp(`^${re}$`, 'u').exec(text);
  if (!match) return null;
  const out: CaseNumberParts = { agency: '', kind: 'filing', year: 0, seq: 0 };
  order.forEach((name, i) => {
    const v = match[i + 1]!;
    if (name === 'agency') out.agency = v;
    else if (name === 'kind')
      out.kind = (Object.keys(CASE_NUMBER_KINDS) as CaseNumberKind[]).find((k) => CASE_NUMBER_KINDS[k] === v)!;
    else if (name === 'year') out.year = Number(v);
    else out.seq = Number(v);
  });
  return out.seq >= 1 ? out : null;
}
