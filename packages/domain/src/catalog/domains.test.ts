import { describe, expect, it } from 'vitest';
import { domainOfDepartment, normaliseDomain } from './domains.ts';
import sampleCsv from './fixtures/catalog-sample.csv?raw';

/** The sample's (domain, source_department) pairs; its rows have no quoted commas in these two columns. */
function pairs(): { domain: string; department: string }[] {
  const [header, ...lines] = sampleCsv.split(/\r?\n/).filter((l) => l.trim());
  const cols = header!.split(',');
  const d = cols.indexOf('domain');
  const s = cols.indexOf('source_department');
  return lines.map((l) => {
    const cells = l.split(',');
    return { domain: cells[d]!, department: cells[s]! };
  });
}

describe('the domain of a transferring department (county layout without a domain column)', () => {
  it('reads the domain the sample states from its department, or none where the law names no department', () => {
    const rows = pairs();
    const derived = rows.filter((r) => domainOfDepartment(r.department) !== null);
    const wrong = derived.filter((r) => domainOfDepartment(r.department) !== normaliseDomain(r.domain));
    // Departments the law names only as "the department the government designates" say nothing of the domain: the
    // importer takes its default domain for them.
    for (const r of rows.filter((x) => domainOfDepartment(x.department) === null))
      expect(r.department).toMatch(/人民政府(确定|指定)/);
    expect(derived.length).toBeGreaterThan(150);
    // Where a department is named, its domain is the sample's but for a handful of laws enforced across domains.
    expect(wrong.length).toBeLessThanOrEqual(5);
  });

  it('takes the first keyword in order', () => {
    expect(domainOfDepartment('市容环境卫生主管部门')).toBe('城市管理');
    expect(domainOfDepartment('卫生健康主管部门')).toBe('卫生健康');
    expect(domainOfDepartment('民政部门（会同建设、土地行政管理部门）')).toBe('民政');
    expect(domainOfDepartment('旅游主管部门或者市场监督管理部门')).toBe('文化市场');
    expect(domainOfDepartment('自然资源主管部门、农业农村主管部门等按照职责')).toBe('自然资源');
    expect(domainOfDepartment('市场监督管理局')).toBe('市场监管');
    expect(domainOfDepartment('某某办公室')).toBeNull();
  });
});
