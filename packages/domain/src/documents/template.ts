import { z } from 'zod';
import { DomainError, type ErrorDetail } from '../errors/index.ts';

/*
 * A document template is data (issue 11): typed blocks with `{{field}}` placeholders and the fields they may use,
 * so adding one of the 28–56 official documents is a new template row, not code. A county changes wording by
 * saving a new version; documents record the version they were built from.
 */

export const FIELD_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;
const PLACEHOLDER = /\{\{\s*([^{}\s]*)\s*\}\}/g;

const fieldName = z.string().regex(FIELD_NAME);
const text = z.string().min(1).max(4000);

export const templateField = z.object({
  name: fieldName,
  label: z.string().min(1).max(100),
  /** text: a string; table: rows of strings keyed by column; signature: a signer (name, or refusal — APL-51). */
  type: z.enum(['text', 'table', 'signature']).default('text'),
  required: z.boolean().default(true),
});

export const templateBlock = z.discriminatedUnion('type', [
  z.object({ type: z.literal('title'), text }),
  /** The document number (文号) line: the number once issued, a draft mark before. */
  z.object({ type: z.literal('number') }),
  z.object({ type: z.literal('heading'), text }),
  z.object({
    type: z.literal('paragraph'),
    text,
    /** First-line indent of two characters (公文正文), off for label lines such as "当事人：…". */
    indent: z.boolean().default(true),
  }),
  z.object({
    type: z.literal('table'),
    field: fieldName,
    columns: z
      .array(
        z.object({ key: fieldName, label: z.string().min(1).max(50), width: z.number().positive().max(20).default(1) }),
      )
      .min(1)
      .max(12),
  }),
  z.object({
    type: z.literal('signatures'),
    signers: z
      .array(z.object({ field: fieldName, label: z.string().min(1).max(50) }))
      .min(1)
      .max(8),
  }),
  /** The issuing subject's name and the date, right-aligned, with the seal area overlapping both (GB/T 9704). */
  z.object({ type: z.literal('seal'), dateField: fieldName }),
]);

export const templateBody = z.object({
  title: z.string().min(1).max(60),
  /** The type word of the document number, e.g. 罚决字 → 温综执罚决字〔2026〕第123号. */
  numberWord: z.string().min(1).max(10),
  fields: z.array(templateField).min(1).max(100),
  blocks: z.array(templateBlock).min(1).max(200),
});

export type TemplateBody = z.infer<typeof templateBody>;
export type TemplateBlock = z.infer<typeof templateBlock>;
export type TemplateField = z.infer<typeof templateField>;

/** A PNG signature drawn on the phone, as a data URL (the other form names a stored file: `imageFileId`). */
export const SIGNATURE_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;

export const signerValue = z.object({
  name: z.string().max(50).default(''),
  /** The phone's word for the signer's name (`{ signer, imageFileId | refused }`): the same as `name`. */
  signer: z.string().max(50).optional(),
  /** The signature image: a PNG stored in platform/files (its id) or a PNG data URL (≤ 200 kB). */
  imageFileId: z.uuid().optional(),
  image: z.string().max(280_000).regex(SIGNATURE_DATA_URL).optional(),
  /** The signer refused to sign (APL-51): printed as 当事人拒绝签名, never a blank line. */
  refused: z.boolean().default(false),
});
export type SignerValue = z.infer<typeof signerValue>;

/** What a refusal to sign prints in the signer's place (APL-51/52). */
export const REFUSED_TO_SIGN = '当事人拒绝签名';

/** The name a signer value prints ("" when none): `name`, or the phone's `signer`. */
export const signerName = (v: SignerValue): string => (v.name || v.signer || '').trim();

export const documentData = z.record(
  z.string().max(64),
  z.union([z.string().max(20000), z.array(z.record(z.string().max(64), z.string().max(2000))).max(2000), signerValue]),
);
export type DocumentData = z.infer<typeof documentData>;

/** The kinds of document the platform knows by name: a legal guard applies to some (penalty decision, APL-59). */
export const PENALTY_DECISION = 'penalty_decision';

/**
 * APL-59: a 行政处罚决定书 states the party's name and address, the facts and evidence, the penalty and its basis,
 * how and by when to comply, how and by when to seek reconsideration or sue, the agency and the date, under seal.
 * The agency's name comes from the issuing subject, the date and seal from the template's seal block.
 */
export const APL59_ELEMENTS = [
  'partyName',
  'partyAddress',
  'facts',
  'evidence',
  'penalty',
  'basis',
  'complianceManner',
  'complianceDeadline',
  'remedy',
  'decisionDate',
] as const;

function placeholders(s: string): string[] {
  return [...s.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

function problem(path: string, rule: string, zh: string, en: string): ErrorDetail {
  return { path, rule, message: { zh, en } };
}

/**
 * Parse and check a template body: the shape (zod), then every placeholder, table and signer names a declared field
 * of the right type — a template using an unknown field is refused, naming it. A penalty decision must require every
 * APL-59 element and carry a seal block.
 */
export function parseTemplate(kind: string, body: unknown): TemplateBody {
  const parsed = templateBody.safeParse(body);
  if (!parsed.success) {
    throw new DomainError(
      'DOCUMENT_TEMPLATE_INVALID',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), rule: i.code })),
    );
  }
  const t = parsed.data;
  const fields = new Map(t.fields.map((f) => [f.name, f]));
  const details: ErrorDetail[] = [];
  const want = (path: string, name: string, type: TemplateField['type']) => {
    const f = fields.get(name);
    if (!f) details.push(problem(path, 'unknown_field', `未知字段「${name}」`, `unknown field "${name}"`));
    else if (f.type !== type)
      details.push(
        problem(path, 'field_type', `字段「${name}」应为 ${type} 类型`, `field "${name}" must be of type ${type}`),
      );
  };
  const seen = new Set<string>();
  t.fields.forEach((f, i) => {
    if (seen.has(f.name))
      details.push(problem(`fields.${i}.name`, 'duplicate', `字段「${f.name}」重复`, `field "${f.name}" twice`));
    seen.add(f.name);
  });
  placeholders(t.title).forEach((n) => want('title', n, 'text'));
  t.blocks.forEach((b, i) => {
    const at = `blocks.${i}`;
    if (b.type === 'title' || b.type === 'heading' || b.type === 'paragraph')
      placeholders(b.text).forEach((n) => want(`${at}.text`, n, 'text'));
    else if (b.type === 'table') want(`${at}.field`, b.field, 'table');
    else if (b.type === 'signatures')
      b.signers.forEach((s, j) => want(`${at}.signers.${j}.field`, s.field, 'signature'));
    else if (b.type === 'seal') want(`${at}.dateField`, b.dateField, 'text');
  });
  if (kind === PENALTY_DECISION) {
    for (const e of APL59_ELEMENTS) {
      if (!fields.get(e)?.required)
        details.push(
          problem('fields', 'APL-59', `行政处罚决定书须载明必填字段「${e}」`, `a penalty decision must require "${e}"`),
        );
    }
    if (!t.blocks.some((b) => b.type === 'seal'))
      details.push(problem('blocks', 'APL-59', '行政处罚决定书须加盖印章', 'a penalty decision must carry a seal'));
  }
  if (details.length) throw new DomainError('DOCUMENT_TEMPLATE_INVALID', details);
  return t;
}

/**
 * Check the data a document is built from against its template: every required field present and non-empty, values
 * of the declared type, no unknown field (a typo would otherwise print nothing).
 */
export function checkData(t: TemplateBody, data: DocumentData): void {
  const fields = new Map(t.fields.map((f) => [f.name, f]));
  const details: ErrorDetail[] = [];
  for (const key of Object.keys(data)) {
    if (!fields.has(key))
      details.push(problem(`data.${key}`, 'unknown_field', `未知字段「${key}」`, `unknown field "${key}"`));
  }
  for (const f of t.fields) {
    const v = data[f.name];
    const path = `data.${f.name}`;
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) {
      if (f.required)
        details.push(problem(path, 'required', `缺少必填字段「${f.label}」`, `missing required field "${f.name}"`));
      continue;
    }
    const ok =
      f.type === 'text' ? typeof v === 'string' : f.type === 'table' ? Array.isArray(v) : isSigner(v as unknown);
    if (!ok)
      details.push(problem(path, 'field_type', `字段「${f.label}」类型不符`, `field "${f.name}" must be ${f.type}`));
    else if (f.type === 'signature') {
      const sv = signerValue.safeParse(v);
      if (!sv.success)
        details.push(
          problem(path, 'signature', `「${f.label}」签名数据不符`, `"${f.name}": ${sv.error.issues[0]?.message}`),
        );
      else if (!sv.data.refused && !signerName(sv.data) && !sv.data.image && !sv.data.imageFileId)
        details.push(
          problem(path, 'APL-51', `「${f.label}」须签名或记录拒签`, `"${f.name}" needs a name or a recorded refusal`),
        );
    }
  }
  if (details.length) throw new DomainError('DOCUMENT_DATA_INVALID', details);
}

function isSigner(v: unknown): v is SignerValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Replace `{{field}}` placeholders with the data's text (an optional, absent field prints empty). */
export function fill(s: string, data: DocumentData): string {
  return s.replace(PLACEHOLDER, (_, name: string) => {
    const v = data[name];
    return typeof v === 'string' ? v : '';
  });
}
