import { describe, expect, it } from 'vitest';
import { coarsenPosition, screenPersonalNumbers } from './publication.ts';

describe('what may be published', () => {
  it('masks phone and ID numbers in free text, in every common spelling, and leaves the rest', () => {
    expect(screenPersonalNumbers('请联系我 13812345678，谢谢')).toBe('请联系我 138****5678，谢谢');
    expect(screenPersonalNumbers('电话 +86 138 1234 5678')).toBe('电话 138****5678');
    expect(screenPersonalNumbers('电话138-1234-5678')).toBe('电话138****5678');
    expect(screenPersonalNumbers('身份证330281199001011234')).toBe('身份证330281********1234');
    expect(screenPersonalNumbers('身份证33028119900101123X号')).toBe('身份证330281********123X号');
    expect(screenPersonalNumbers('座机0576-86123456')).toBe('座机057****3456');
    // Nothing personal in it: unchanged (an account number is not a phone; a year is not a phone).
    expect(screenPersonalNumbers('2026年11月门牌12号')).toBe('2026年11月门牌12号');
    expect(screenPersonalNumbers('账号6222021381234567890')).toBe('账号6222021381234567890');
    expect(screenPersonalNumbers(null)).toBeNull();
  });

  it('never leaves the birth date of an ID number or the middle of a phone readable', () => {
    const out = screenPersonalNumbers('张三 330281199001011234 13812345678');
    expect(out).not.toContain('19900101');
    expect(out).not.toContain('1234 5678');
    expect(out).not.toMatch(/1[3-9]\d{9}/);
  });

  it('coarsens a position to three decimals (about 100 m)', () => {
    expect(coarsenPosition({ lng: 121.412345, lat: 28.398765 })).toEqual({ lng: 121.412, lat: 28.399 });
    const p = { lng: 121.4004999, lat: 28.4005001 };
    const c = coarsenPosition(p);
    expect(Math.abs(c.lng - p.lng)).toBeLessThanOrEqual(0.0005);
    expect(Math.abs(c.lat - p.lat)).toBeLessThanOrEqual(0.0005);
  });
});
