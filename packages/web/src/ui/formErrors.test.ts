import type { FormInstance } from 'antd';
import { describe, expect, it } from 'vitest';
import { pathOf, placeIssues } from './formErrors.ts';

/** The part of an antd form placeIssues uses: the registered fields and the errors set on them. */
function fakeForm(names: (string | number)[][]) {
  const errors = new Map<string, string[]>(names.map((n) => [n.join('.'), []]));
  const form = {
    getFieldsError: () => names.map((name) => ({ name, errors: errors.get(name.join('.')) ?? [], warnings: [] })),
    setFields: (fields: { name: (string | number)[]; errors: string[] }[]) => {
      for (const f of fields) errors.set(f.name.join('.'), f.errors);
    },
  };
  return { form: form as unknown as FormInstance, errors };
}

describe('server errors on form fields', () => {
  it('reads the paths the server and zod send', () => {
    expect(pathOf('body.legalBasis.law')).toEqual(['legalBasis', 'law']);
    expect(pathOf('/phone')).toEqual(['phone']);
    expect(pathOf('matterIds[3]')).toEqual(['matterIds', '3']);
    expect(pathOf(['townPowers', 0])).toEqual(['townPowers', 0]);
  });

  it('puts each issue on the deepest registered field and returns the rest for the summary', () => {
    const { form, errors } = fakeForm([['name'], ['legalBasis', 'law'], ['matterIds']]);
    const rest = placeIssues(form, [
      { path: ['legalBasis', 'law'], text: '必填' },
      { path: ['matterIds', '3', 'townPowers'], text: '该乡镇无此权力' },
      { path: ['effectiveFrom'], text: '日期不得早于上一版本' },
    ]);
    expect(errors.get('legalBasis.law')).toEqual(['必填']);
    expect(errors.get('matterIds')).toEqual(['该乡镇无此权力']);
    expect(rest).toEqual(['effectiveFrom: 日期不得早于上一版本']);
  });

  it('clears the errors it placed before', () => {
    const { form, errors } = fakeForm([['name']]);
    placeIssues(form, [{ path: ['name'], text: 'x' }]);
    placeIssues(form, []);
    expect(errors.get('name')).toEqual([]);
  });
});
