import { describe, expect, it } from 'vitest';
import { errorBody } from './catalogue.ts';
import { ENFORCEMENT_RULES } from './rule-words-enforcement.ts';
import { GENERAL_RULES } from './rule-words-general.ts';
import { hasRuleWords, ruleWords, ruleWordsOrId, zodIssueWords } from './rules.ts';

describe('the rule catalogue', () => {
  it('has each rule id once (its two files do not both word one)', () => {
    const twice = Object.keys(GENERAL_RULES).filter((id) => Object.hasOwn(ENFORCEMENT_RULES, id));
    expect(twice).toEqual([]);
  });

  it('words a rule, with its value put in, and a value that is itself a code by its label', () => {
    expect(ruleWords('mobile_phone')?.zh).toBe('手机号码格式不正确（11 位，1 开头）');
    expect(ruleWords('current_version:3')).toEqual({
      zh: '记录已被他人修改，当前版本为 3',
      en: 'Someone else changed the record: the current version is 3',
    });
    expect(ruleWords('level_below_parent:grid')?.zh).toBe('层级须为上级的下一级：网格');
    // A permission and a legal rule are whole ids, not a name and a value.
    expect(ruleWords('event.report')?.en).toBe('You may not report events (event.report)');
    expect(ruleWords('APL-33(b)')?.zh).toContain('首违不罚');
  });

  it('has no words for an unknown rule, and says its id rather than nothing', () => {
    expect(hasRuleWords('no_such_rule')).toBe(false);
    expect(ruleWords('no_such_rule:1')).toBeNull();
    expect(ruleWordsOrId('no_such_rule')).toEqual({
      zh: '不符合规则 no_such_rule',
      en: 'Breaks the rule no_such_rule',
    });
  });

  it("words zod's own issues with the bound they name, and our rule ids by the catalogue", () => {
    expect(zodIssueWords({ code: 'too_small', origin: 'string', minimum: 2, message: 'x' }).zh).toBe('至少 2 个字符');
    expect(zodIssueWords({ code: 'too_small', origin: 'string', minimum: 1, message: 'x' }).en).toBe(
      'Must not be empty',
    );
    expect(zodIssueWords({ code: 'too_big', origin: 'number', maximum: 180, message: 'x' }).zh).toBe('不能大于 180');
    expect(zodIssueWords({ code: 'custom', message: 'max_not_below_min' }).zh).toBe('最高不能低于最低');
    expect(zodIssueWords({ code: 'invalid_type', message: 'Invalid input' }).en).toBe('Required, or of the wrong type');
  });

  it("gives every detail of an error its words: its own, else the catalogue's", () => {
    const body = errorBody('VALIDATION_FAILED', [
      { path: 'body.phone', rule: 'mobile_phone' },
      { path: 'body.status', rule: 'EVT-STATUS', message: { zh: '已办结的事件不能派遣', en: 'A closed event' } },
    ]);
    expect(body.details.map((d) => d.message.zh)).toEqual([
      '手机号码格式不正确（11 位，1 开头）',
      '已办结的事件不能派遣',
    ]);
  });
});
