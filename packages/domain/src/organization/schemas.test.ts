import { describe, expect, it } from 'vitest';
import {
  agencyPatch,
  certificateCreate,
  idNumber,
  personCreate,
  personPatch,
  teamPatch,
  validIdChecksum,
} from './schemas.ts';

describe('organization contracts', () => {
  it('a PATCH carries only the fields the client sent (no defaults that would reset others)', () => {
    expect(personPatch.parse({ version: 3, active: false })).toEqual({ version: 3, active: false });
    expect(teamPatch.parse({ version: 1 })).toEqual({ version: 1 });
    expect(agencyPatch.parse({ version: 1, name: '新名称' })).toEqual({ version: 1, name: '新名称' });
  });

  it('a create fills defaults for what was left out', () => {
    expect(personCreate.parse({ employeeNo: 'A1', name: '张三', role: 'officer' })).toMatchObject({
      townId: null,
      isAuxiliary: false,
      active: true,
    });
  });

  it('refuses unknown fields', () => {
    expect(personPatch.safeParse({ version: 1, salary: 1 }).success).toBe(false);
  });

  it('normalises Chinese names and refuses invisible or control characters', () => {
    expect(personCreate.parse({ employeeNo: 'A2', name: ' 李\u0301四 ', role: 'officer' }).name).toBe(
      '李\u0301四'.normalize('NFC'),
    );
    expect(personCreate.safeParse({ employeeNo: 'A3', name: '王\u200b五', role: 'officer' }).success).toBe(false);
    expect(personCreate.safeParse({ employeeNo: 'A4', name: '赵\u0000六', role: 'officer' }).success).toBe(false);
    // Supplementary-plane characters (rare surnames such as 𠮷) are real names.
    expect(personCreate.parse({ employeeNo: 'A5', name: '𠮷野', role: 'officer' }).name).toBe('𠮷野');
  });

  it('checks GB 11643 ID checksums', () => {
    expect(validIdChecksum('11010519491231002X')).toBe(true);
    expect(idNumber.safeParse('110105194912310021').success).toBe(false);
  });

  it('refuses a certificate that ends before it starts', () => {
    const r = certificateCreate.safeParse({
      personId: '00000000-0000-4000-8000-000000000000',
      number: '浙33108100001',
      domains: ['城市管理'],
      validFrom: '2026-01-02',
      validTo: '2026-01-01',
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['validTo']);
  });
});
