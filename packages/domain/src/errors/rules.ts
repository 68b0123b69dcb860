import { ENFORCEMENT_RULES } from './rule-words-enforcement.ts';
import { GENERAL_RULES } from './rule-words-general.ts';

/**
 * The rule catalogue: every rule id the server can put in an error's `details[].rule`, with its words in zh-CN and
 * English. The HTTP layer fills `details[].message` from it whenever a detail brings none, so no client translates
 * rule ids itself; the web uses the same words for the shared zod schemas it runs before sending.
 *
 * A rule id may carry a value after a colon (`current_version:3`, `too_many_rows:5000`): the words show it where
 * they say `{value}`, and `values` names a value that is itself a code (`level_below_parent:grid` → 网格). A rule
 * whose words depend on the case (a lifecycle guard naming the status, a legal rule naming the amount) still sends
 * its own message; the entry here is what the rule means in general.
 */
export interface RuleWords {
  zh: string;
  en: string;
  /** Words for the codes a `{value}` may be. */
  values?: Readonly<Record<string, { zh: string; en: string }>>;
}

/** Every rule id with its words (two files by area; an id is in one of them). */
export const RULES = { ...GENERAL_RULES, ...ENFORCEMENT_RULES } as const satisfies Record<string, RuleWords>;

export type RuleId = keyof typeof RULES;

const RULE_TABLE: Readonly<Record<string, RuleWords>> = RULES;

/** The rule's name without its value: `current_version:3` → current_version. */
export function ruleName(rule: string): string {
  const colon = rule.indexOf(':');
  return colon > 0 ? rule.slice(0, colon) : rule;
}

/** Whether the catalogue has words for the rule (a rule with a value: for its name). */
export function hasRuleWords(rule: string): boolean {
  return Object.hasOwn(RULE_TABLE, rule) || Object.hasOwn(RULE_TABLE, ruleName(rule));
}

const fill = (text: string, value: string) => text.replaceAll('{value}', value);

/**
 * The rule's words, its value put in (`current_version:3` → 当前版本为 3), or null when the catalogue has none. A
 * whole id is looked up first: a permission (`event.report`) or a legal rule (`APL-33(b)`) has no value.
 */
export function ruleWords(rule: string): { zh: string; en: string } | null {
  const whole = Object.hasOwn(RULE_TABLE, rule) ? RULE_TABLE[rule] : undefined;
  if (whole) return { zh: fill(whole.zh, ''), en: fill(whole.en, '') };
  const colon = rule.indexOf(':');
  if (colon <= 0) return null;
  const name = rule.slice(0, colon);
  const entry = Object.hasOwn(RULE_TABLE, name) ? RULE_TABLE[name] : undefined;
  if (!entry) return null;
  // Zod's own message after the code (`too_small: Too small: expected …`) is English for developers, not a value.
  const value = rule.slice(colon + 1).trim();
  const shown = entry.values?.[value];
  if (!entry.zh.includes('{value}')) return { zh: entry.zh, en: entry.en };
  return { zh: fill(entry.zh, shown?.zh ?? value), en: fill(entry.en, shown?.en ?? value) };
}

/** The words of a rule the catalogue lacks: the id itself, never nothing. */
export function ruleWordsOrId(rule: string): { zh: string; en: string } {
  return ruleWords(rule) ?? { zh: `不符合规则 ${rule}`, en: `Breaks the rule ${rule}` };
}

/** What zod says about an issue, in the form the catalogue can word with its bounds. */
export interface ZodIssueLike {
  code?: string;
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
}

/**
 * The words of a zod issue: the catalogue's when its message is a rule id of ours (`mobile_phone`), else words for
 * zod's own code with the bound it names (至少 2 个字符, 不能大于 180).
 */
export function zodIssueWords(issue: ZodIssueLike): { zh: string; en: string } {
  const own = ruleWords(issue.message);
  if (own) return own;
  const n = (v: number | bigint | undefined) => (v === undefined ? undefined : Number(v));
  const min = n(issue.minimum);
  const max = n(issue.maximum);
  const strict = issue.inclusive === false;
  if (issue.code === 'too_small' && min !== undefined) {
    if (issue.origin === 'string')
      return min <= 1
        ? { zh: '不能为空', en: 'Must not be empty' }
        : { zh: `至少 ${min} 个字符`, en: `At least ${min} characters` };
    if (issue.origin === 'array' || issue.origin === 'set')
      return { zh: `至少 ${min} 项`, en: `At least ${min} item${min === 1 ? '' : 's'}` };
    if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
      return strict
        ? { zh: `须大于 ${min}`, en: `Must be above ${min}` }
        : { zh: `不能小于 ${min}`, en: `At least ${min}` };
  }
  if (issue.code === 'too_big' && max !== undefined) {
    if (issue.origin === 'string') return { zh: `最多 ${max} 个字符`, en: `At most ${max} characters` };
    if (issue.origin === 'array' || issue.origin === 'set')
      return { zh: `最多 ${max} 项`, en: `At most ${max} item${max === 1 ? '' : 's'}` };
    if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
      return strict
        ? { zh: `须小于 ${max}`, en: `Must be below ${max}` }
        : { zh: `不能大于 ${max}`, en: `At most ${max}` };
  }
  if (issue.code && Object.hasOwn(RULE_TABLE, issue.code)) return ruleWordsOrId(issue.code);
  return ruleWordsOrId(issue.message);
}
