import type { Rng } from './random.ts';

/**
 * Synthetic personal data that looks real enough to exercise masking, search and validation: Chinese names,
 * mobile numbers and resident ID numbers with a valid GB 11643-1999 check digit. None of it is a real person's.
 */

// Weighted by repetition towards surnames common in Taizhou (林, 陈, 王, 张, 李 …).
const SURNAMES = [
  ...'林林林陈陈陈王王王张张李李金金叶叶徐徐黄黄蔡蔡郭江赵周吴杨许潘朱郑阮梁应章罗毛程颜陶戴卢管方何胡孙谢',
];
const MALE = [...'伟强磊军洋勇杰涛明超斌浩鹏宇建峰辉华平刚海波志国俊晨飞毅斌龙坚锋'];
const FEMALE = [...'芳娜敏静丽艳婷燕霞玲颖慧琳丹洁萍红雪梅倩莉佳欣怡娟蓉'];
const MIDDLE = [...'文晓海一春永立建志小成家子思雨嘉'];

export type Gender = 'male' | 'female';

export function personName(rng: Rng, gender: Gender): string {
  const last = rng.pick(gender === 'male' ? MALE : FEMALE);
  return rng.pick(SURNAMES) + (rng.chance(0.25) ? '' : rng.pick(MIDDLE)) + last;
}

// China Mobile, Unicom and Telecom prefixes starting 13, 15 and 18 (154 was never issued).
const MOBILE_PREFIXES = [
  ...['130', '131', '132', '133', '134', '135', '136', '137', '138', '139'],
  ...['150', '151', '152', '153', '155', '156', '157', '158', '159'],
  ...['180', '181', '182', '183', '184', '185', '186', '187', '188', '189'],
];

export function mobileNumber(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643 check character for the first 17 digits (ISO 7064 MOD 11-2). */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] as string;
}

/** Structure, birth date and check digit of an 18-character resident ID number. */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return false;
  return idCheckDigit(id.slice(0, 17)) === id[17];
}

const BIRTH_FROM = Date.UTC(1970, 0, 1);
const BIRTH_TO = Date.UTC(2000, 11, 31);
const MS_PER_DAY = 86_400_000;

/**
 * Region 331081 (温岭市), a birth date in 1970–2000, a sequence whose last digit is odd for men and even for women
 * (as GB 11643 prescribes), then the check digit.
 */
export function idNumber(rng: Rng, gender: Gender, region = '331081'): string {
  const days = rng.int(0, (BIRTH_TO - BIRTH_FROM) / MS_PER_DAY);
  const birth = new Date(BIRTH_FROM + days * MS_PER_DAY).toISOString().slice(0, 10).replaceAll('-', '');
  const genderDigit = rng.int(0, 4) * 2 + (gender === 'male' ? 1 : 0);
  const first17 = region + birth + String(rng.int(0, 99)).padStart(2, '0') + String(genderDigit);
  return first17 + idCheckDigit(first17);
}

/** Draws until the value is new: employee numbers, phones and ID numbers are unique across the demo county. */
export function unique<T>(seen: Set<T>, draw: () => T): T {
  for (let attempt = 0; attempt < 1_000; attempt++) {
    const value = draw();
    if (!seen.has(value)) {
      seen.add(value);
      return value;
    }
  }
  throw new Error('Could not draw a unique value in 1,000 attempts');
}
