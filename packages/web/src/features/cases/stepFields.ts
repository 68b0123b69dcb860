import { CASE_STEP_BODIES, type CaseStepAction } from '@openenforce/domain/cases';
import dayjs, { type Dayjs } from 'dayjs';
import type { z } from 'zod';

/*
 * A step's form is read from the step's body schema in the domain (CASE_STEP_BODIES): each field of the zod object
 * becomes a control of its kind. The schema stays the one source of what a step takes; this file only decides how a
 * kind of value is entered (a day → a date picker, an amount in fen → yuan, a person id → a people picker) and turns
 * the form's values back into the body the server validates with the same schema.
 */

export type FieldKind =
  | { k: 'text'; long: boolean; required: boolean }
  | { k: 'date' }
  | { k: 'datetime' }
  | { k: 'money' }
  | { k: 'int'; min?: number; max?: number }
  | { k: 'bool' }
  | { k: 'enum'; options: readonly string[]; nullable: boolean }
  | { k: 'person' }
  | { k: 'people' }
  | { k: 'evidenceRef' }
  | { k: 'strings' }
  | { k: 'files' }
  | { k: 'penalties' }
  | { k: 'object'; fields: StepField[] };

export interface StepField {
  name: string;
  kind: FieldKind;
  optional: boolean;
}

type AnyZod = z.core.$ZodType & { def: Record<string, unknown> } & Record<string, unknown>;

/** Fields that name a day (`day` in the domain's api.ts: a YYYY-MM-DD string). */
const DAY_FIELDS = new Set(['date', 'deadline', 'correctBy', 'hearingDate']);
const isDayField = (name: string) => DAY_FIELDS.has(name) || /On$/.test(name);

function unwrap(s: AnyZod): { inner: AnyZod; optional: boolean; nullable: boolean } {
  let inner = s;
  let optional = false;
  let nullable = false;
  for (;;) {
    const t = inner.def.type;
    if (t === 'optional' || t === 'default') optional = true;
    else if (t === 'nullable') nullable = true;
    else break;
    inner = inner.def.innerType as AnyZod;
  }
  return { inner, optional, nullable };
}

function kindOf(name: string, schema: AnyZod): { kind: FieldKind; optional: boolean } {
  const { inner, optional, nullable } = unwrap(schema);
  const t = inner.def.type;
  const opt = optional || nullable;
  if (t === 'object') return { kind: { k: 'object', fields: fieldsOf(inner) }, optional: opt };
  if (t === 'boolean') return { kind: { k: 'bool' }, optional: opt };
  if (t === 'enum') return { kind: { k: 'enum', options: inner.options as string[], nullable }, optional: opt };
  if (t === 'number') {
    if (/Fen$/.test(name)) return { kind: { k: 'money' }, optional: opt };
    return {
      kind: { k: 'int', min: (inner.minValue as number) ?? undefined, max: (inner.maxValue as number) ?? undefined },
      optional: opt,
    };
  }
  if (t === 'array') {
    const el = unwrap(inner.def.element as AnyZod).inner;
    if (el.def.type === 'object') return { kind: { k: 'penalties' }, optional: opt };
    if (el.def.format === 'uuid') return { kind: { k: name === 'fileIds' ? 'files' : 'people' }, optional: opt };
    return { kind: { k: 'strings' }, optional: opt };
  }
  if (t === 'string') {
    if (inner.def.format === 'uuid') return { kind: { k: 'person' }, optional: opt };
    if (inner.def.format === 'datetime') return { kind: { k: 'datetime' }, optional: opt };
    if (name === 'evidenceId') return { kind: { k: 'evidenceRef' }, optional: opt };
    if (isDayField(name)) return { kind: { k: 'date' }, optional: opt };
    const max = (inner.maxLength as number | null) ?? 0;
    const min = (inner.minLength as number | null) ?? 0;
    return { kind: { k: 'text', long: max >= 500, required: min > 0 && !opt }, optional: opt };
  }
  return { kind: { k: 'text', long: false, required: false }, optional: opt };
}

function fieldsOf(obj: AnyZod): StepField[] {
  const shape = obj.shape as Record<string, AnyZod>;
  return Object.entries(shape).map(([name, s]) => ({ name, ...kindOf(name, s) }));
}

/** The fields a step's form shows: its body's, without the version and the idempotency key (the form sends them). */
export function stepFields(action: CaseStepAction): StepField[] {
  return fieldsOf(CASE_STEP_BODIES[action] as unknown as AnyZod).filter(
    (f) => f.name !== 'version' && f.name !== 'clientStepId',
  );
}

const yuanToFen = (v: unknown) => (typeof v === 'number' ? Math.round(v * 100) : undefined);
const empty = (v: unknown) => v === undefined || v === null || v === '';

function valueToBody(kind: FieldKind, v: unknown, optional: boolean): unknown {
  switch (kind.k) {
    case 'date':
      return empty(v) ? undefined : (v as Dayjs).format('YYYY-MM-DD');
    case 'datetime':
      return empty(v) ? (optional ? null : undefined) : (v as Dayjs).toISOString();
    case 'money':
      return yuanToFen(v);
    case 'bool':
      return !!v;
    case 'enum':
      return empty(v) ? (kind.nullable ? null : undefined) : v;
    case 'text':
      return empty(v) ? (kind.required || !optional ? (v ?? '') : undefined) : v;
    case 'strings':
    case 'people':
    case 'files':
      return Array.isArray(v) ? v : [];
    case 'penalties':
      return ((v as { kind?: string; amountYuan?: number }[] | undefined) ?? [])
        .filter((p) => p?.kind)
        .map((p) => ({
          kind: p.kind,
          ...(typeof p.amountYuan === 'number' ? { amountFen: yuanToFen(p.amountYuan) } : {}),
        }));
    case 'object':
      return toBody(kind.fields, (v as Record<string, unknown>) ?? {});
    default:
      return empty(v) ? undefined : v;
  }
}

/** The step body from the form's values (days as YYYY-MM-DD, yuan → fen); the caller adds the version. */
export function toBody(fields: readonly StepField[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = valueToBody(f.kind, values[f.name], f.optional);
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

/** Initial values: today for a day, false for a flag, the officer's own person for officer lists. */
export function initialValues(
  fields: readonly StepField[],
  o: { personId: string | null; today: Dayjs },
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.kind.k === 'date' && !f.optional) out[f.name] = o.today;
    else if (f.kind.k === 'bool') out[f.name] = false;
    else if (f.kind.k === 'people' && o.personId && f.name !== 'reporterIds') out[f.name] = [o.personId];
    else if (f.kind.k === 'penalties' && !f.optional) out[f.name] = [{ kind: 'fine' }];
    else if (f.kind.k === 'strings') out[f.name] = [];
    else if (f.kind.k === 'object') out[f.name] = initialValues(f.kind.fields, o);
  }
  return out;
}

export const today = () => dayjs();
