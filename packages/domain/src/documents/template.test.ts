import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/index.ts';
import { checkData, parseTemplate, PENALTY_DECISION, SHIPPED_TEMPLATES, uncoveredCharacters } from './index.ts';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, details: e.details.map((d) => `${d.path}:${d.rule}`) };
    throw e;
  }
  throw new Error('not refused');
};

describe('document templates', () => {
  it('accepts every shipped template', () => {
    for (const [kind, body] of Object.entries(SHIPPED_TEMPLATES))
      expect(parseTemplate(kind, body).title).toBe(body.title);
  });

  it('refuses a placeholder, table or signer naming an unknown field, by name', () => {
    const t = SHIPPED_TEMPLATES.service_receipt!;
    const r = refusal(() =>
      parseTemplate('service_receipt', {
        ...t,
        blocks: [
          ...t.blocks,
          { type: 'paragraph', text: '电话：{{partyPhone}}' },
          { type: 'signatures', signers: [{ field: 'recipient', label: '受送达人' }] },
        ],
      }),
    );
    expect(r.code).toBe('DOCUMENT_TEMPLATE_INVALID');
    expect(r.details).toEqual([
      `blocks.${t.blocks.length}.text:unknown_field`,
      `blocks.${t.blocks.length + 1}.signers.0.field:field_type`,
    ]);
  });

  it('holds a penalty decision to APL-59: every element required, a seal', () => {
    const t = SHIPPED_TEMPLATES.penalty_decision!;
    const r = refusal(() =>
      parseTemplate(PENALTY_DECISION, {
        ...t,
        fields: t.fields.map((f) => (f.name === 'remedy' ? { ...f, required: false } : f)),
        blocks: t.blocks.filter((b) => b.type !== 'seal'),
      }),
    );
    expect(r.details).toEqual(['fields:APL-59', 'blocks:APL-59']);
  });

  it('checks data: required, unknown, a signer who neither signed nor refused (APL-51)', () => {
    const t = SHIPPED_TEMPLATES.on_spot_decision!;
    const r = refusal(() =>
      checkData(t, { partyName: '陈七', extra: 'x', partySignature: { name: '', refused: false } }),
    );
    expect(r.code).toBe('DOCUMENT_DATA_INVALID');
    expect(r.details).toContain('data.extra:unknown_field');
    expect(r.details).toContain('data.facts:required');
    expect(r.details).toContain('data.partySignature:APL-51');
  });

  it('lists the characters no font has, once each', () => {
    expect(uncoveredCharacters(['李𠀀四 𠀀', 'ab'], (cp) => cp < 0x20000)).toEqual(['𠀀']);
  });
});
