import {
  applyMatterUpdate,
  LIST_TYPES,
  MATTER_KINDS,
  matterCreate,
  matterUpdate,
  TOWN_POWERS,
  type ListType,
  type MatterKind,
  type MatterVersion,
  type TownPower,
} from '@openenforce/domain/catalog';
import { Alert, App, Button, Checkbox, DatePicker, Divider, Drawer, Form, Input, Select, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { ApiErrorAlert } from '../../ui/errors.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import {
  clearFieldErrors,
  detailFieldText,
  issueText,
  pathOf,
  placeIssues,
  useApplyServerErrors,
  type FieldPath,
} from '../../ui/formErrors.ts';
import { TownModeTag, useDomainOptions } from '../organization/labels.tsx';
import { FLAG_NAMES, kindLabel } from './labels.tsx';
import { useOrgUnits, useTowns } from './lookups.ts';
import { useCatalogI18n } from './messages.ts';
import { sameValue } from './sameValue.ts';
import { CATALOG_API } from './types.ts';
import { COLORS } from '../../app/theme.ts';

const ISO = 'YYYY-MM-DD';

interface Basis {
  law: string;
  article: string;
  text: string;
}

export interface MatterFormValues {
  code: string;
  name: string;
  kind: MatterKind;
  domain: string;
  legalBasis: Basis;
  hasPenaltyBasis: boolean;
  penaltyBasis: Basis;
  sourceDepartment: string;
  transferScope: 'all' | 'part' | 'none';
  responsibilityBoundary: string;
  listType: ListType;
  defaultTownPower: TownPower;
  townPowers: Record<string, TownPower | undefined>;
  delegatingAgency?: string;
  professionalTeam?: string;
  department?: string;
  flags: Record<(typeof FLAG_NAMES)[number], boolean>;
  published: boolean;
  withdrawn: boolean;
  effectiveFrom: Dayjs;
  announcement: string;
}

/** The fields of a matter version that this form edits (the discretion benchmark has its own editor). */
const EDITED = [
  'code',
  'name',
  'kind',
  'domain',
  'legalBasis',
  'penaltyBasis',
  'sourceDepartment',
  'transferScope',
  'responsibilityBoundary',
  'listType',
  'defaultTownPower',
  'townPowers',
  'delegatingAgency',
  'professionalTeam',
  'department',
  'flags',
  'published',
  'withdrawn',
] as const;

const emptyBasis: Basis = { law: '', article: '', text: '' };

function toValues(m: MatterVersion | null): Partial<MatterFormValues> {
  if (!m)
    return {
      code: '',
      kind: 'penalty',
      legalBasis: emptyBasis,
      hasPenaltyBasis: true,
      penaltyBasis: emptyBasis,
      transferScope: 'all',
      responsibilityBoundary: '',
      listType: 'comprehensive',
      defaultTownPower: 'none',
      townPowers: {},
      flags: { firstViolationWaiver: false, lightViolationCommitment: false, highFrequency: false },
      published: false,
      withdrawn: false,
      effectiveFrom: dayjs(),
      announcement: '',
    };
  return {
    code: m.code ?? '',
    name: m.name,
    kind: m.kind,
    domain: m.domain,
    legalBasis: { ...m.legalBasis },
    hasPenaltyBasis: m.penaltyBasis !== null,
    penaltyBasis: m.penaltyBasis ? { ...m.penaltyBasis } : emptyBasis,
    sourceDepartment: m.sourceDepartment,
    transferScope: m.transferScope ?? 'none',
    responsibilityBoundary: m.responsibilityBoundary ?? '',
    listType: m.listType,
    defaultTownPower: m.defaultTownPower,
    townPowers: { ...m.townPowers },
    delegatingAgency: m.delegatingAgency ?? undefined,
    professionalTeam: m.professionalTeam ?? undefined,
    department: m.department ?? undefined,
    flags: { ...m.flags },
    published: m.published,
    withdrawn: m.withdrawn,
    // A change takes effect today unless the administrator dates it otherwise (never before the current version).
    effectiveFrom: dayjs().format(ISO) < m.effectiveFrom ? dayjs(m.effectiveFrom) : dayjs(),
    announcement: '',
  };
}

/** Form values → the matter's fields as the API takes them. */
function toFields(v: MatterFormValues): Record<(typeof EDITED)[number], unknown> {
  const townPowers: Record<string, TownPower> = {};
  for (const [id, p] of Object.entries(v.townPowers ?? {})) if (p) townPowers[id] = p;
  return {
    code: v.code?.trim() ? v.code.trim() : null,
    name: v.name ?? '',
    kind: v.kind,
    domain: v.domain ?? '',
    legalBasis: v.legalBasis,
    penaltyBasis: v.hasPenaltyBasis ? v.penaltyBasis : null,
    sourceDepartment: v.sourceDepartment ?? '',
    transferScope: v.transferScope === 'none' ? null : v.transferScope,
    responsibilityBoundary: v.responsibilityBoundary?.trim() ? v.responsibilityBoundary : null,
    listType: v.listType,
    defaultTownPower: v.defaultTownPower,
    townPowers,
    delegatingAgency: v.delegatingAgency || null,
    professionalTeam: v.professionalTeam || null,
    department: v.department || null,
    flags: v.flags,
    published: v.published,
    withdrawn: v.withdrawn,
  };
}

/** Issues on the whole penalty basis belong to its switch. */
const alias = (p: FieldPath): FieldPath => (p.length === 1 && p[0] === 'penaltyBasis' ? ['hasPenaltyBasis'] : p);

/**
 * Create a matter (version 1) or change one: a change is a NEW version with its effective date and announcement
 * (history is never overwritten). Validated with the shared zod contracts (matterCreate / matterUpdate, and the
 * cross-field rules through applyMatterUpdate) before it is sent; server errors land on their fields; a stale
 * version (409) reloads the matter.
 */
export default function MatterFormDrawer(props: {
  mode: 'create' | 'edit';
  latest: MatterVersion | null;
  onClose: () => void;
  onSaved: (v: MatterVersion) => void;
  /** The server has a newer version: the parent reloads and passes the new `latest`. */
  onStale: () => void;
}) {
  const { mode, latest } = props;
  const i18n = useCatalogI18n();
  const { t, tc, pick } = i18n;
  const { can } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<MatterFormValues>();
  const domainOptions = useDomainOptions();
  const { towns, query: townsQuery } = useTowns();
  const { agencies, teams, queries: orgQueries } = useOrgUnits(can('org.read'));
  const [error, setError] = useState<unknown>(null);
  const [stale, setStale] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const applyServerErrors = useApplyServerErrors();
  const listType = Form.useWatch('listType', form);
  const hasPenaltyBasis = Form.useWatch('hasPenaltyBasis', form);
  const transferScope = Form.useWatch('transferScope', form);
  const defaultTownPower = Form.useWatch('defaultTownPower', form) ?? 'none';

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toValues(latest) as MatterFormValues);
  }, [latest, form]);

  const show = (issues: { path: FieldPath; text: string }[]) => {
    const rest = placeIssues(form, issues, alias);
    setError(rest.length ? new Error(rest.join('；')) : null);
  };

  const submit = async () => {
    clearFieldErrors(form);
    let values: MatterFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    const fields = toFields(values);
    const effectiveFrom = values.effectiveFrom.format(ISO);
    let body: Record<string, unknown>;
    if (mode === 'create') {
      const { withdrawn: _withdrawn, ...rest } = fields;
      body = { ...rest, effectiveFrom, announcement: values.announcement };
      const parsed = matterCreate.safeParse(body);
      if (!parsed.success) {
        show(parsed.error.issues.map((i) => ({ path: pathOf(i.path), text: issueText(pick, i) })));
        return;
      }
    } else {
      const current = latest!;
      const changed = EDITED.filter((k) => !sameValue(fields[k], current[k]));
      if (changed.length === 0) {
        message.info(t('form.nothingChanged'));
        return;
      }
      body = {
        version: current.version,
        effectiveFrom,
        announcement: values.announcement,
        ...Object.fromEntries(changed.map((k) => [k, fields[k]])),
      };
      const parsed = matterUpdate.safeParse(body);
      if (!parsed.success) {
        show(parsed.error.issues.map((i) => ({ path: pathOf(i.path), text: issueText(pick, i) })));
        return;
      }
      // The cross-field rules and the date order run on the merged version, exactly as the server will.
      const merged = applyMatterUpdate(current, parsed.data);
      if (!merged.ok) {
        show(merged.details.map((d) => ({ path: pathOf(d.path), text: detailFieldText(i18n, d) })));
        return;
      }
    }
    setSaving(true);
    try {
      const saved =
        mode === 'create'
          ? await api<MatterVersion>(CATALOG_API.matters, { method: 'POST', body })
          : await api<MatterVersion>(CATALOG_API.versions(latest!.matterId), { method: 'POST', body });
      message.success(
        mode === 'create' ? tc('form.createdMatter') : tc('form.savedVersion', { version: saved.version }),
      );
      props.onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT_STALE_VERSION') {
        const now = err.details.find((d) => d.rule.startsWith('current_version:'))?.rule.split(':')[1] ?? '?';
        setStale(tc('form.staleVersion', { version: now }));
        props.onStale();
      } else if (applyServerErrors(form, err, alias)) {
        setError(null);
        message.error(i18n.pick((err as ApiError).body.message));
      } else setError(err);
    } finally {
      setSaving(false);
    }
  };

  const agencyOptions = (kind?: string) =>
    agencies.filter((a) => !kind || a.kind === kind).map((a) => ({ value: a.code, label: `${a.name}（${a.code}）` }));

  return (
    <Drawer
      open
      size={820}
      title={
        mode === 'create'
          ? tc('form.createMatterTitle')
          : tc('form.newVersionTitle', { version: latest!.version, next: latest!.version + 1 })
      }
      onClose={props.onClose}
      destroyOnHidden
      data-testid="matter-form"
      extra={
        <Space>
          <Button onClick={props.onClose}>{tc('cat.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="matter-form-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {stale && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={stale} data-testid="stale-version" />
      )}
      <QueryError queries={[townsQuery, ...orgQueries]} style={{ marginBottom: 16 }} />
      <ApiErrorAlert error={error} style={{ marginBottom: 16 }} />
      <Form<MatterFormValues> form={form} layout="vertical" requiredMark="optional">
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={tc('form.versionNote')} />
        <div style={{ display: 'grid', gridTemplateColumns: '200px 1fr', gap: '0 16px' }}>
          <Form.Item name="effectiveFrom" label={tc('field.effectiveFrom')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} data-testid="field-effectiveFrom" />
          </Form.Item>
          <Form.Item
            name="announcement"
            label={tc('field.announcement')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={200} placeholder="温政发〔2025〕1号" data-testid="field-announcement" />
          </Form.Item>
        </div>

        <Divider titlePlacement="start">{tc('matter.basic')}</Divider>
        <div style={{ display: 'grid', gridTemplateColumns: '200px 1fr', gap: '0 16px' }}>
          <Form.Item name="code" label={tc('field.matterCode')}>
            <Input maxLength={40} placeholder="330217001000" />
          </Form.Item>
          <Form.Item name="name" label={tc('field.matterName')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={300} data-testid="field-name" />
          </Form.Item>
        </div>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: '0 16px' }}>
          <Form.Item name="kind" label={tc('field.kind')} rules={[{ required: true }]}>
            <Select options={MATTER_KINDS.map((k) => ({ value: k, label: kindLabel(tc, k) }))} />
          </Form.Item>
          <Form.Item name="domain" label={tc('field.domain')} rules={[{ required: true }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={domainOptions} data-testid="field-domain" />
          </Form.Item>
          <Form.Item name="listType" label={tc('field.listType')} rules={[{ required: true }]}>
            <Select options={LIST_TYPES.map((l) => ({ value: l, label: tc(`listType.${l}`) }))} />
          </Form.Item>
        </div>
        <Form.Item
          name="sourceDepartment"
          label={tc('field.sourceDepartment')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={200} placeholder="温岭市市场监督管理局" data-testid="field-sourceDepartment" />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '200px 1fr', gap: '0 16px' }}>
          <Form.Item name="transferScope" label={tc('field.transferScope')}>
            <Select
              options={[
                { value: 'all', label: tc('transfer.all') },
                { value: 'part', label: tc('transfer.part') },
                { value: 'none', label: tc('transfer.none') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="responsibilityBoundary"
            label={tc('field.responsibilityBoundary')}
            required={transferScope === 'part'}
          >
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={5000} />
          </Form.Item>
        </div>

        <Divider titlePlacement="start">{tc('matter.basis')}</Divider>
        <BasisFields name="legalBasis" title={tc('field.legalBasis')} />
        <Form.Item name="hasPenaltyBasis" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>{tc('form.hasPenaltyBasis')}</Checkbox>
        </Form.Item>
        {hasPenaltyBasis && <BasisFields name="penaltyBasis" title={tc('field.penaltyBasis')} />}

        <Divider titlePlacement="start">{tc('matter.towns')}</Divider>
        <div style={{ display: 'grid', gridTemplateColumns: '200px 1fr', gap: '0 16px' }}>
          <Form.Item name="defaultTownPower" label={tc('field.defaultTownPower')}>
            <Select options={TOWN_POWERS.map((p) => ({ value: p, label: tc(`power.${p}`) }))} />
          </Form.Item>
          <Form.Item name="delegatingAgency" label={tc('field.delegatingAgency')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={agencyOptions()} />
          </Form.Item>
        </div>
        {listType === 'professional' && (
          <Form.Item name="professionalTeam" label={tc('field.professionalTeam')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={teams
                .filter((tm) => tm.kind === 'professional')
                .map((tm) => ({ value: tm.code, label: `${tm.name}（${tm.code}）` }))}
            />
          </Form.Item>
        )}
        {listType === 'in_department' && (
          <Form.Item name="department" label={tc('field.department')} required>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={agencyOptions('department')} />
          </Form.Item>
        )}
        <div style={{ color: COLORS.textSecondary, fontSize: 13, marginBottom: 8 }}>{tc('form.townPowersHint')}</div>
        <div
          style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: '0 16px' }}
          data-testid="town-powers"
        >
          {towns.map((tw) => (
            <Form.Item
              key={tw.id}
              name={['townPowers', tw.id]}
              label={
                <span>
                  {tw.name} <TownModeTag mode={tw.townMode} />
                </span>
              }
              style={{ marginBottom: 8 }}
            >
              <Select
                allowClear
                size="small"
                placeholder={tc('power.default', { value: tc(`power.${defaultTownPower}`) })}
                options={TOWN_POWERS.map((p) => ({ value: p, label: tc(`power.${p}`) }))}
              />
            </Form.Item>
          ))}
        </div>

        <Divider titlePlacement="start">{tc('field.flags')}</Divider>
        <Space wrap size={24}>
          {FLAG_NAMES.map((f) => (
            <Form.Item key={f} name={['flags', f]} valuePropName="checked" style={{ marginBottom: 8 }}>
              <Checkbox>{tc(`flagLong.${f}`)}</Checkbox>
            </Form.Item>
          ))}
        </Space>
        <Space wrap size={24}>
          <Form.Item name="published" label={tc('field.published')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {mode === 'edit' && (
            <Form.Item name="withdrawn" label={tc('field.withdrawn')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Space>
      </Form>
    </Drawer>
  );
}

function BasisFields({ name, title }: { name: 'legalBasis' | 'penaltyBasis'; title: string }) {
  const { tc } = useCatalogI18n();
  return (
    <fieldset style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px 0', marginBottom: 12 }}>
      <legend style={{ fontSize: 13, padding: '0 4px', width: 'auto', margin: 0, border: 0 }}>{title}</legend>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 200px', gap: '0 16px' }}>
        <Form.Item name={[name, 'law']} label={tc('field.law')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} placeholder="《中华人民共和国食品安全法》" data-testid={`field-${name}-law`} />
        </Form.Item>
        <Form.Item name={[name, 'article']} label={tc('field.article')}>
          <Input maxLength={200} placeholder="第三十四条" />
        </Form.Item>
      </div>
      <Form.Item name={[name, 'text']} label={tc('field.lawText')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
      </Form.Item>
    </fieldset>
  );
}
