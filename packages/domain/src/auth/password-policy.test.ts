import { describe, expect, it } from 'vitest';
import { PASSWORD_RULES, passwordProblems } from './password-policy.ts';

describe('the password rule', () => {
  it.each([
    ['short1', ['password_too_short']],
    ['abcdefghij', ['password_one_kind']],
    ['1234567890', ['password_one_kind', 'password_common']],
    ['Zeguo-patrol', []],
    ['tide2026harbour', []],
    // A passphrase needs no mix of kinds: four words, or 16 characters.
    ['river tea lamp stone', []],
    ['riverbankteahouses', []],
    // Chinese is written without spaces: each character counts as a word.
    ['我的口令是江南水乡的茶', []],
    ['abcdefghi我', ['password_one_kind']],
    ['1qaz2wsx3edc', ['password_common']],
    ['Password123', ['password_common']],
    ['WoAiNi1314', ['password_common']],
    ['x'.repeat(257) + '1', ['password_too_long']],
  ])('%s → %j', (password, rules) => {
    expect(passwordProblems(password)).toEqual(rules);
  });

  it('refuses the username (from 3 characters on, any case) and the current password', () => {
    expect(passwordProblems('My-Officer2-pass', { username: 'officer2' })).toEqual(['password_contains_username']);
    expect(passwordProblems('ab-cd-ef-gh-ij', { username: 'ab' })).toEqual([]);
    expect(passwordProblems('Same-old-pass-1', { currentPassword: 'Same-old-pass-1' })).toEqual([
      'password_same_as_current',
    ]);
  });

  it('names every rule in zh and en', () => {
    for (const text of Object.values(PASSWORD_RULES)) {
      expect(text.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(text.en).toMatch(/[a-z]/);
    }
  });
});
