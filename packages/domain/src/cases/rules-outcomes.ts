import { reason, type Reason } from '../workflow/procedure.ts';
import type { CaseFacts } from './facts.ts';
import type { NoPenaltyGround } from './kinds.ts';

/*
 * Outcomes without a penalty: no penalty (APL-30/31/33) with education recorded, and the light-violation
 * notice-and-commitment (ZJ-LV) instead of a case.
 */

/**
 * APL-30/31/33 [V]: a no-penalty decision names its ground and records the education given (APL-33 last paragraph);
 * a first-violation waiver (APL-33(b), a "may") also records why, and needs the matter on the first-violation list and
 * a first violation. The ground must be borne out by the recorded facts.
 */
export function checkNoPenalty(
  f: Pick<CaseFacts, 'party' | 'matter' | 'discretion'>,
  ground: NoPenaltyGround | undefined,
  education: string | undefined,
  waiverReason: string | undefined,
): Reason[] {
  const out: Reason[] = [];
  if (!ground)
    return [
      reason('APL-33', '请选择不予处罚的法定情形', 'Choose the legal ground for no penalty', 'body.noPenaltyGround'),
    ];
  if ((education ?? '').trim().length < 2)
    out.push(
      reason(
        'APL-33',
        '对当事人的违法行为依法不予行政处罚的，行政机关应当对当事人进行教育（《行政处罚法》第三十三条），请记录教育情况',
        'Where no penalty is imposed the party must be educated (APL art. 33): record the education given',
        'body.educationRecord',
      ),
    );
  const factors = new Set(f.discretion?.factors ?? []);
  const p = f.party;
  const unsupported = (zh: string, en: string) =>
    out.push(reason(ground.startsWith('APL-33') ? 'APL-33' : 'APL-30/31', zh, en, 'body.noPenaltyGround'));
  if (ground === 'APL-30' && !(p?.kind === 'citizen' && p.ageAtAct !== undefined && p.ageAtAct < 14))
    unsupported(
      '记录的事实不支持“不满十四周岁”（《行政处罚法》第三十条）',
      'The facts do not show the party was under 14 (APL art. 30)',
    );
  if (ground === 'APL-31' && p?.mentalCapacity !== 'none')
    unsupported(
      '记录的事实不支持“不能辨认或者控制自己的行为”（《行政处罚法》第三十一条）',
      'The facts do not show the party could not recognise or control its conduct (APL art. 31)',
    );
  if (
    ground === 'APL-33(a)' &&
    !(f.discretion?.circumstance === 'minor' && factors.has('promptly_corrected') && factors.has('no_harm'))
  )
    unsupported(
      '违法行为轻微并及时改正、没有造成危害后果的，不予行政处罚（《行政处罚法》第三十三条第一款）：记录的情节不符',
      'Minor, promptly corrected and harmless (APL art. 33(1)): the recorded facts do not show it',
    );
  if (ground === 'APL-33(c)' && !factors.has('no_fault'))
    unsupported(
      '当事人有证据足以证明没有主观过错的，不予行政处罚（《行政处罚法》第三十三条第二款）：未记录相关证据',
      'No fault proven (APL art. 33(2)): the facts do not show it',
    );
  if (ground === 'APL-33(b)') {
    if ((waiverReason ?? '').trim().length < 2)
      out.push(
        reason(
          'APL-33',
          '首违不罚须记录不予处罚的理由',
          'A first-violation waiver records its reason',
          'body.waiverReason',
        ),
      );
    if (!f.matter?.flags.firstViolationWaiver)
      unsupported(
        '该事项未列入首违不罚清单（《行政处罚法》第三十三条第一款）',
        'The matter is not on the first-violation list (APL art. 33(1))',
      );
    if (
      (p?.priorViolations ?? 1) > 0 ||
      !factors.has('promptly_corrected') ||
      !(factors.has('slight_harm') || factors.has('no_harm'))
    )
      unsupported(
        '初次违法且危害后果轻微并及时改正的，可以不予行政处罚（《行政处罚法》第三十三条第一款）：记录的情节不符',
        'First violation, slight harm, promptly corrected (APL art. 33(1)): the recorded facts do not show it',
      );
  }
  return out;
}

/**
 * ZJ-LV [P]: the light-violation notice-and-commitment — minor, no obvious harm, correctable, a first violation without
 * intent, the matter on the published list. A repeat violator is not eligible.
 */
export function checkCommitment(
  f: Pick<CaseFacts, 'party' | 'matter'>,
  i: { minor: boolean; obviousHarm: boolean; correctable: boolean; intentional: boolean },
): Reason[] {
  const missing: { zh: string; en: string }[] = [];
  if (!f.matter?.flags.lightViolationCommitment)
    missing.push({ zh: '事项未列入轻微违法告知承诺清单', en: 'the matter is not on the published list' });
  if (!f.party || f.party.priorViolations > 0)
    missing.push({
      zh: '非初次违法（多次违法者不适用）',
      en: 'not a first violation (repeat violators are not eligible)',
    });
  if (!i.minor) missing.push({ zh: '情节非轻微', en: 'not minor' });
  if (i.obviousHarm) missing.push({ zh: '有明显危害后果', en: 'obvious harm' });
  if (!i.correctable) missing.push({ zh: '不能改正', en: 'not correctable' });
  if (i.intentional) missing.push({ zh: '存在主观故意', en: 'intentional' });
  return missing.length === 0
    ? []
    : [
        reason(
          'ZJ-LV',
          `不适用轻微违法告知承诺制：${missing.map((m) => m.zh).join('、')}`,
          `The light-violation commitment does not apply: ${missing.map((m) => m.en).join(', ')}`,
          'body',
        ),
      ];
}
