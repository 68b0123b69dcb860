import {
  CIRCUMSTANCES,
  DEFAULT_BANDS,
  MULTIPLE_BASES,
  matterUpdate,
  TIERS,
  type DiscretionBenchmark,
  type FineBasis,
  type MatterVersion,
  type PartyType,
  type Tier,
} from '@openenforce/domain/catalog';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  type FormInstance,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../app/api.ts';
import { ApiErrorAlert, ruleText } from '../../ui/errors.tsx';
import {
  clearFieldErrors,
  issueText,
  pathOf,
  placeIssues,
  useApplyServerErrors,
  type FieldPath,
} from '../../ui/formErrors.ts';
import { sameValue } from './sameValue.ts';
import { useCatalogI18n } from './messages.ts';
import { fenToYuanText, parseDecimal, parseYuan } from './money.ts';
import { CATALOG_API } from './types.ts';
import { COLORS } from '../../app/theme.ts';

interface BasisForm {
  kind: FineBasis['kind'];
  minFen?: string;
  maxFen?: string;
  rateMinFen?: string;
  rateMaxFen?: string;
  unit?: string;
  capFen?: string;
  base?: string;
  baseLabel?: string;
  minMultiple?: string;
  maxMultiple?: string;
  countBaseAtLeastFen?: string;
  fallback?: {
    enabled?: boolean;
    minFen?: string;
    maxFen?: string;
    belowFen?: string;
    thresholdTakesFallback?: boolean;
  };
}
interface TierForm {
  label?: string;
  discretionary?: boolean;
  individual: BasisForm;
  organisation: BasisForm;
}
interface EditorValues {
  effectiveFrom: Dayjs;
  announcement: string;
  hasBenchmark: boolean;
  enabled: Record<Tier, boolean>;
  discretion: {
    tiers: Record<Tier, TierForm>;
    bands: Record<(typeof CIRCUMSTANCES)[number], { fromPct: number; toPct: number }>;
    splitPct: number;
    reducedFloorPct: number;
    strictLiability: boolean;
    source?: string;
  };
}

const yuanText = (fen: number | null | undefined) => (fen === null || fen === undefined ? '' : fenToYuanText(fen));

function basisToForm(b: FineBasis | undefined): BasisForm {
  if (!b) return { kind: 'fixed', minFen: '', maxFen: '' };
  switch (b.kind) {
    case 'fixed':
      return { kind: 'fixed', minFen: yuanText(b.minFen), maxFen: yuanText(b.maxFen) };
    case 'per_unit':
      return {
        kind: 'per_unit',
        rateMinFen: yuanText(b.rateMinFen),
        rateMaxFen: yuanText(b.rateMaxFen),
        unit: b.unit,
        capFen: yuanText(b.capFen),
      };
    case 'multiple':
      return {
        kind: 'multiple',
        base: b.base,
        baseLabel: b.baseLabel ?? '',
        minMultiple: String(b.minMultiple),
        maxMultiple: String(b.maxMultiple),
        countBaseAtLeastFen: yuanText(b.countBaseAtLeastFen),
        fallback: b.fallback
          ? {
              enabled: true,
              minFen: yuanText(b.fallback.minFen),
              maxFen: yuanText(b.fallback.maxFen),
              belowFen: yuanText(b.fallback.belowFen),
              thresholdTakesFallback: b.fallback.thresholdTakesFallback,
            }
          : { enabled: false },
      };
    case 'none':
      return { kind: 'none' };
  }
}

function toValues(m: MatterVersion): Omit<EditorValues, 'effectiveFrom' | 'announcement'> {
  const d = m.discretion;
  const tier = (t: Tier): TierForm => {
    const r = d?.tiers[t];
    return {
      label: r?.label ?? '',
      discretionary: r?.discretionary ?? false,
      individual: basisToForm(r?.individual),
      organisation: basisToForm(r?.organisation),
    };
  };
  return {
    hasBenchmark: d !== null,
    enabled: { first: true, failure_to_correct: !!d?.tiers.failure_to_correct, serious: !!d?.tiers.serious },
    discretion: {
      tiers: { first: tier('first'), failure_to_correct: tier('failure_to_correct'), serious: tier('serious') },
      bands: Object.fromEntries(
        CIRCUMSTANCES.map((c) => [c, { ...(d?.bands[c] ?? DEFAULT_BANDS[c]) }]),
      ) as EditorValues['discretion']['bands'],
      splitPct: d?.splitPct ?? 50,
      reducedFloorPct: d?.reducedFloorPct ?? 0,
      strictLiability: d?.strictLiability ?? false,
      source: d?.source ?? '',
    },
  };
}

type Issue = { path: FieldPath; text: string };

/** Form values → the benchmark as the API takes it (yuan → fen through the decimal string), or field issues. */
function toBenchmark(
  v: EditorValues,
  previous: DiscretionBenchmark | null,
  text: { yuan: string; decimal: string },
): { discretion: unknown; issues: Issue[] } {
  const issues: Issue[] = [];
  const base: FieldPath = ['discretion', 'tiers'];
  const money = (s: string | undefined, path: FieldPath, optional = false): number | null => {
    if (!s?.trim()) {
      if (!optional) issues.push({ path, text: text.yuan });
      return null;
    }
    const fen = parseYuan(s);
    if (fen === null) issues.push({ path, text: text.yuan });
    return fen;
  };
  const decimal = (s: string | undefined, path: FieldPath): number => {
    const n = s === undefined ? null : parseDecimal(s);
    if (n === null) issues.push({ path, text: text.decimal });
    return n ?? 0;
  };
  const basis = (b: BasisForm, path: FieldPath): unknown => {
    switch (b.kind) {
      case 'fixed':
        return {
          kind: 'fixed',
          minFen: money(b.minFen, [...path, 'minFen']),
          maxFen: money(b.maxFen, [...path, 'maxFen']),
        };
      case 'per_unit':
        return {
          kind: 'per_unit',
          rateMinFen: money(b.rateMinFen, [...path, 'rateMinFen']),
          rateMaxFen: money(b.rateMaxFen, [...path, 'rateMaxFen']),
          unit: b.unit ?? '',
          capFen: money(b.capFen, [...path, 'capFen'], true),
        };
      case 'multiple': {
        const fb = b.fallback;
        return {
          kind: 'multiple',
          base: b.base,
          baseLabel: b.baseLabel?.trim() ? b.baseLabel.trim() : null,
          minMultiple: decimal(b.minMultiple, [...path, 'minMultiple']),
          maxMultiple: decimal(b.maxMultiple, [...path, 'maxMultiple']),
          countBaseAtLeastFen: money(b.countBaseAtLeastFen, [...path, 'countBaseAtLeastFen'], true),
          fallback: fb?.enabled
            ? {
                minFen: money(fb.minFen, [...path, 'fallback', 'minFen']),
                maxFen: money(fb.maxFen, [...path, 'fallback', 'maxFen']),
                belowFen: money(fb.belowFen, [...path, 'fallback', 'belowFen'], true),
                thresholdTakesFallback: !!fb.thresholdTakesFallback,
              }
            : null,
        };
      }
      default:
        return { kind: 'none' };
    }
  };
  if (!v.hasBenchmark) return { discretion: null, issues };
  const d = v.discretion;
  const tiers = Object.fromEntries(
    TIERS.map((t) => {
      if (t !== 'first' && !v.enabled[t]) return [t, null];
      const r = d.tiers[t];
      return [
        t,
        {
          individual: basis(r.individual, [...base, t, 'individual']),
          organisation: basis(r.organisation, [...base, t, 'organisation']),
          discretionary: !!r.discretionary,
          label: r.label?.trim() ? r.label.trim() : null,
        },
      ];
    }),
  );
  // A band equal to the default is stored only if the previous version stored it (no spurious history entries).
  const bands = Object.fromEntries(
    CIRCUMSTANCES.flatMap((c) => {
      const b = d.bands[c];
      const isDefault = b.fromPct === DEFAULT_BANDS[c].fromPct && b.toPct === DEFAULT_BANDS[c].toPct;
      return isDefault && !previous?.bands[c] ? [] : [[c, { fromPct: b.fromPct, toPct: b.toPct }]];
    }),
  );
  return {
    discretion: {
      tiers,
      bands,
      splitPct: d.splitPct,
      reducedFloorPct: d.reducedFloorPct,
      strictLiability: !!d.strictLiability,
      source: d.source?.trim() ? d.source.trim() : null,
    },
    issues,
  };
}

function BasisEditor({ form, tier, party }: { form: FormInstance<EditorValues>; tier: Tier; party: PartyType }) {
  const { tc } = useCatalogI18n();
  const path = ['discretion', 'tiers', tier, party];
  const kind = Form.useWatch([...path, 'kind'], form) as FineBasis['kind'] | undefined;
  const fallbackOn = Form.useWatch([...path, 'fallback', 'enabled'], form) as boolean | undefined;
  const yuan = (name: string, label: string, testId?: string) => (
    <Form.Item name={[...path, name]} label={label} style={{ marginBottom: 8 }}>
      <Input inputMode="decimal" suffix={tc('cat.yuan')} data-testid={testId} />
    </Form.Item>
  );
  return (
    <Card size="small" type="inner" title={tc(`disc.party.${party}`)} data-testid={`basis-${tier}-${party}`}>
      <Form.Item name={[...path, 'kind']} label={tc('disc.basisKind')} style={{ marginBottom: 8 }}>
        <Select
          options={(['fixed', 'per_unit', 'multiple', 'none'] as const).map((k) => ({
            value: k,
            label: tc(`disc.kind.${k}`),
          }))}
        />
      </Form.Item>
      {kind === 'fixed' && (
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '0 8px' }}>
          {yuan('minFen', tc('disc.min'), `yuan-${tier}-${party}-min`)}
          {yuan('maxFen', tc('disc.max'), `yuan-${tier}-${party}-max`)}
        </div>
      )}
      {kind === 'per_unit' && (
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '0 8px' }}>
          {yuan('rateMinFen', tc('disc.rateMin'))}
          {yuan('rateMaxFen', tc('disc.rateMax'))}
          <Form.Item name={[...path, 'unit']} label={tc('disc.unit')} style={{ marginBottom: 8 }}>
            <Input maxLength={100} placeholder="平方米" />
          </Form.Item>
          {yuan('capFen', tc('disc.cap'))}
        </div>
      )}
      {kind === 'multiple' && (
        <>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '0 8px' }}>
            <Form.Item name={[...path, 'base']} label={tc('disc.base')} style={{ marginBottom: 8 }}>
              <Select options={MULTIPLE_BASES.map((b) => ({ value: b, label: tc(`base.${b}`) }))} />
            </Form.Item>
            <Form.Item name={[...path, 'baseLabel']} label={tc('disc.baseLabel')} style={{ marginBottom: 8 }}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name={[...path, 'minMultiple']}
              label={tc('disc.minMultiple')}
              tooltip={tc('disc.multipleHint')}
              style={{ marginBottom: 8 }}
            >
              <Input inputMode="decimal" suffix="×" />
            </Form.Item>
            <Form.Item name={[...path, 'maxMultiple']} label={tc('disc.maxMultiple')} style={{ marginBottom: 8 }}>
              <Input inputMode="decimal" suffix="×" />
            </Form.Item>
            {yuan('countBaseAtLeastFen', tc('disc.countBaseAtLeast'))}
          </div>
          <Form.Item name={[...path, 'fallback', 'enabled']} valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>{tc('disc.fallback')}</Checkbox>
          </Form.Item>
          {fallbackOn && (
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '0 8px' }}>
              <Form.Item name={[...path, 'fallback', 'minFen']} label={tc('disc.min')} style={{ marginBottom: 8 }}>
                <Input inputMode="decimal" suffix={tc('cat.yuan')} />
              </Form.Item>
              <Form.Item name={[...path, 'fallback', 'maxFen']} label={tc('disc.max')} style={{ marginBottom: 8 }}>
                <Input inputMode="decimal" suffix={tc('cat.yuan')} />
              </Form.Item>
              <Form.Item
                name={[...path, 'fallback', 'belowFen']}
                label={tc('disc.fallbackBelow')}
                style={{ marginBottom: 8 }}
              >
                <Input inputMode="decimal" suffix={tc('cat.yuan')} />
              </Form.Item>
              <Form.Item
                name={[...path, 'fallback', 'thresholdTakesFallback']}
                valuePropName="checked"
                label=" "
                style={{ marginBottom: 8 }}
              >
                <Checkbox>{tc('disc.thresholdTakesFallback')}</Checkbox>
              </Form.Item>
            </div>
          )}
        </>
      )}
    </Card>
  );
}

/**
 * Edits the discretion benchmark of the latest version and saves it as a new version (POST …/versions with
 * `discretion`). Money is entered in yuan and converted to integer fen exactly; the shared zod contract checks the
 * result before it is sent, and its rule ids land on the fields.
 */
export default function DiscretionEditorDrawer(props: {
  latest: MatterVersion;
  onClose: () => void;
  onSaved: (v: MatterVersion) => void;
  onStale: () => void;
}) {
  const { latest } = props;
  const i18n = useCatalogI18n();
  const { t, tc, pick } = i18n;
  const { message } = App.useApp();
  const [form] = Form.useForm<EditorValues>();
  const hasBenchmark = Form.useWatch('hasBenchmark', form);
  const enabled = Form.useWatch('enabled', form);
  const [error, setError] = useState<unknown>(null);
  const [stale, setStale] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const applyServerErrors = useApplyServerErrors();

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue({
      ...toValues(latest),
      effectiveFrom: dayjs().format('YYYY-MM-DD') < latest.effectiveFrom ? dayjs(latest.effectiveFrom) : dayjs(),
      announcement: '',
    });
  }, [latest, form]);

  const show = (issues: Issue[]) => {
    const rest = placeIssues(form, issues);
    setError(rest.length ? new Error(rest.join('；')) : null);
  };

  const submit = async () => {
    clearFieldErrors(form);
    let v: EditorValues;
    try {
      await form.validateFields();
      v = form.getFieldsValue(true) as EditorValues;
    } catch {
      return;
    }
    setError(null);
    const { discretion, issues } = toBenchmark(v, latest.discretion, {
      yuan: ruleText(pick, 'yuan_format'),
      decimal: ruleText(pick, 'decimal_format'),
    });
    if (issues.length) return show(issues);
    const body = {
      version: latest.version,
      effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
      announcement: v.announcement,
      discretion,
    };
    const parsed = matterUpdate.safeParse(body);
    if (!parsed.success)
      return show(parsed.error.issues.map((i) => ({ path: pathOf(i.path), text: issueText(pick, i) })));
    if (sameValue(parsed.data.discretion, latest.discretion)) {
      message.info(t('form.nothingChanged'));
      return;
    }
    if (body.effectiveFrom < latest.effectiveFrom)
      return show([{ path: ['effectiveFrom'], text: ruleText(pick, 'effective_from_not_before_previous') }]);
    setSaving(true);
    try {
      const saved = await api<MatterVersion>(CATALOG_API.versions(latest.matterId), { method: 'POST', body });
      message.success(tc('form.savedVersion', { version: saved.version }));
      props.onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT_STALE_VERSION') {
        const now = err.details.find((d) => d.rule.startsWith('current_version:'))?.rule.split(':')[1] ?? '?';
        setStale(tc('form.staleVersion', { version: now }));
        props.onStale();
      } else if (applyServerErrors(form, err)) {
        setError(null);
        message.error(i18n.pick((err as ApiError).body.message));
      } else setError(err);
    } finally {
      setSaving(false);
    }
  };

  const copyIndividual = (tier: Tier) => {
    const ind = form.getFieldValue(['discretion', 'tiers', tier, 'individual']) as BasisForm;
    form.setFieldValue(['discretion', 'tiers', tier, 'organisation'], structuredClone(ind));
  };

  return (
    <Drawer
      open
      size={880}
      title={tc('disc.editTitle')}
      onClose={props.onClose}
      destroyOnHidden
      data-testid="discretion-editor"
      extra={
        <Space>
          <Button onClick={props.onClose}>{tc('cat.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="discretion-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {stale && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={stale} data-testid="stale-version" />
      )}
      <ApiErrorAlert error={error} style={{ marginBottom: 16 }} />
      <Form<EditorValues> form={form} layout="vertical">
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={tc('form.versionNote')} />
        <div style={{ display: 'grid', gridTemplateColumns: '200px 1fr', gap: '0 16px' }}>
          <Form.Item name="effectiveFrom" label={tc('field.effectiveFrom')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="announcement"
            label={tc('field.announcement')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={200} data-testid="discretion-announcement" />
          </Form.Item>
        </div>
        <Form.Item name="hasBenchmark" valuePropName="checked">
          <Checkbox>{tc('field.discretion')}</Checkbox>
        </Form.Item>
        {hasBenchmark && (
          <>
            {TIERS.map((tier) => (
              <div key={tier}>
                <Divider titlePlacement="start">
                  <Space>
                    {tc(`disc.tier.${tier}`)}
                    {tier !== 'first' && (
                      <Form.Item name={['enabled', tier]} valuePropName="checked" noStyle>
                        <Switch size="small" data-testid={`tier-enabled-${tier}`} />
                      </Form.Item>
                    )}
                  </Space>
                </Divider>
                {(tier === 'first' || enabled?.[tier]) && (
                  <>
                    <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '0 16px' }}>
                      <Form.Item name={['discretion', 'tiers', tier, 'label']} label={tc('disc.tierLabel')}>
                        <Input maxLength={100} placeholder={tier === 'serious' ? '情节严重' : ''} />
                      </Form.Item>
                      <Form.Item
                        name={['discretion', 'tiers', tier, 'discretionary']}
                        valuePropName="checked"
                        label=" "
                      >
                        <Checkbox>{tc('disc.discretionary')}</Checkbox>
                      </Form.Item>
                    </div>
                    <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
                      <BasisEditor form={form} tier={tier} party="individual" />
                      <BasisEditor form={form} tier={tier} party="organisation" />
                    </div>
                    <Button size="small" type="link" onClick={() => copyIndividual(tier)}>
                      {tc('disc.sameAsIndividual')}
                    </Button>
                  </>
                )}
              </div>
            ))}
            <Divider titlePlacement="start">{tc('disc.bands')}</Divider>
            <div style={{ color: COLORS.textSecondary, fontSize: 13, marginBottom: 8 }}>{tc('disc.defaultsNote')}</div>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: '0 12px' }}>
              {CIRCUMSTANCES.map((c) => (
                <Card key={c} size="small" type="inner" title={tc(`circ.${c}`)}>
                  <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '0 8px' }}>
                    <Form.Item
                      name={['discretion', 'bands', c, 'fromPct']}
                      label={tc('disc.from')}
                      style={{ marginBottom: 0 }}
                    >
                      <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                    <Form.Item
                      name={['discretion', 'bands', c, 'toPct']}
                      label={tc('disc.to')}
                      style={{ marginBottom: 0 }}
                    >
                      <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </div>
                </Card>
              ))}
            </div>
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: '0 16px', marginTop: 16 }}>
              <Form.Item name={['discretion', 'splitPct']} label={tc('disc.splitPct')}>
                <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name={['discretion', 'reducedFloorPct']} label={tc('disc.reducedFloorPct')}>
                <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name={['discretion', 'strictLiability']} valuePropName="checked" label=" ">
                <Checkbox>{tc('disc.strictLiability')}</Checkbox>
              </Form.Item>
            </div>
            <Form.Item name={['discretion', 'source']} label={tc('disc.source')}>
              <Input maxLength={200} placeholder="温岭市综合行政执法事项裁量基准（2024年）" />
            </Form.Item>
          </>
        )}
      </Form>
    </Drawer>
  );
}
