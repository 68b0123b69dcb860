import { describe, expect, it } from 'vitest';
import { permissionsOf, ROLES } from '../organization/index.ts';
import { maskIdNumber, maskName, maskPhone, maySeePersonalData } from './masking.ts';

describe('personal data masking', () => {
  it('keeps the family name, the phone prefix and last four, the ID region code and last four', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李')).toBe('李*');
    expect(maskName('𠮷野家')).toBe('𠮷**'); // a character outside the BMP stays whole
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskIdNumber('330281199001011234')).toBe('330281********1234');
    expect(maskIdNumber('330281199001011234')).not.toContain('19900101');
    expect([maskName(null), maskPhone(''), maskIdNumber(null)]).toEqual([null, null, null]);
  });

  it('pii.read is held by the administrator and the command centre (which calls citizens back) only', () => {
    expect(ROLES.filter((r) => maySeePersonalData(permissionsOf(r)))).toEqual(['admin', 'command_operator']);
  });
});
