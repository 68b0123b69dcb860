import { afterAll, expect } from 'vitest';
import { rulesWithoutWords } from '../src/platform/http/errors.ts';

/*
 * Every test file: no error the server answered during the file named a rule that has neither words of its own nor
 * an entry in the rule catalogue (packages/domain/src/errors/rules.ts). The web shows `details[].message` and no
 * longer translates rule ids: a rule without words would reach the user as its bare id.
 */
afterAll(() => {
  const missing = [...rulesWithoutWords];
  rulesWithoutWords.clear();
  expect(missing, 'add these rule ids with their zh/en words to packages/domain/src/errors/rule-words-*.ts').toEqual(
    [],
  );
});
