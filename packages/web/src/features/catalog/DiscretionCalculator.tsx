import {
  AGGRAVATING_FACTORS,
  CIRCUMSTANCES,
  CONDITION_FACTORS,
  discretionQuery,
  formatMoney,
  MITIGATING_FACTORS,
  PARTY_TYPES,
  TIERS,
  type MoneyRange,
} from '@openenforce/domain/catalog';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api } from '../../app/api.ts';
import { ApiErrorAlert, ruleText } from '../../ui/errors.tsx';
import { clearFieldErrors, issueText, pathOf, placeIssues, useApplyServerErrors } from '../../ui/formErrors.ts';
import { useCatalogI18n } from './messages.ts';
import { parseDecimal, parseYuan } from './money.ts';
import { CATALOG_API, type DiscretionResponse } from './types.ts';
import { COLORS } from '../../app/theme.ts';

interface CalcValues {
  party: {
    type: 'individual' | 'organisation';
    ageAtAct?: number | null;
    mentalCapacity?: 'full' | 'limited' | 'none';
    firstViolation?: boolean;
  };
  facts: {
    tier: (typeof TIERS)[number];
    circumstance: (typeof CIRCUMSTANCES)[number];
    units?: string;
    baseAmountFen?: string;
    factors?: string[];
    reduce?: boolean;
  };
  proposedFen?: string;
}

const OUTCOME_COLORS = {
  penalise: 'blue',
  must_not_penalise: 'red',
  may_waive: 'green',
  no_fine_basis: 'default',
} as const;

/**
 * The fine calculator of a matter: POST …/discretion {party, facts, proposedFen?} → the recommendation (legal and
 * recommended range, outcome, the explanation with rule ids and articles) and the check of a proposed fine. Amounts
 * are entered in yuan and sent as integer fen.
 */
export function DiscretionCalculator({ matterId, date }: { matterId: string; date: string | undefined }) {
  const i18n = useCatalogI18n();
  const { t, tc, lang, pick } = i18n;
  const [form] = Form.useForm<CalcValues>();
  const partyType = Form.useWatch(['party', 'type'], form);
  const [result, setResult] = useState<DiscretionResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const applyServerErrors = useApplyServerErrors();

  const money = (fen: number) => formatMoney(fen, lang);
  const range = (r: MoneyRange | null) => (r ? `${money(r.minFen)} – ${money(r.maxFen)}` : '—');

  const submit = async (v: CalcValues) => {
    setError(null);
    clearFieldErrors(form);
    const issues: { path: (string | number)[]; text: string }[] = [];
    const yuan = (text: string | undefined, path: string[]) => {
      if (!text?.trim()) return undefined;
      const fen = parseYuan(text);
      if (fen === null) issues.push({ path, text: ruleText(pick, 'yuan_format') });
      return fen ?? undefined;
    };
    const unitsText = v.facts.units?.trim();
    const units = unitsText ? parseDecimal(unitsText) : undefined;
    if (unitsText && units === null) issues.push({ path: ['facts', 'units'], text: ruleText(pick, 'decimal_format') });
    const body = {
      ...(date ? { date } : {}),
      party: {
        type: v.party.type,
        ...(v.party.type === 'individual' && v.party.ageAtAct != null ? { ageAtAct: v.party.ageAtAct } : {}),
        ...(v.party.type === 'individual' && v.party.mentalCapacity ? { mentalCapacity: v.party.mentalCapacity } : {}),
        ...(v.party.firstViolation ? { firstViolation: true } : {}),
      },
      facts: {
        tier: v.facts.tier,
        circumstance: v.facts.circumstance,
        ...(units != null ? { units } : {}),
        ...(v.facts.baseAmountFen?.trim()
          ? { baseAmountFen: yuan(v.facts.baseAmountFen, ['facts', 'baseAmountFen']) }
          : {}),
        factors: v.facts.factors ?? [],
        ...(v.facts.reduce ? { reduce: true } : {}),
      },
      ...(v.proposedFen?.trim() ? { proposedFen: yuan(v.proposedFen, ['proposedFen']) } : {}),
    };
    if (issues.length === 0) {
      const parsed = discretionQuery.safeParse(body);
      if (!parsed.success)
        issues.push(...parsed.error.issues.map((i) => ({ path: pathOf(i.path), text: issueText(pick, i) })));
    }
    if (issues.length) {
      const rest = placeIssues(form, issues);
      if (rest.length) setError(new Error(rest.join('；')));
      return;
    }
    setLoading(true);
    try {
      setResult(await api<DiscretionResponse>(CATALOG_API.discretion(matterId), { method: 'POST', body }));
    } catch (err) {
      setResult(null);
      if (!applyServerErrors(form, err)) setError(err);
    } finally {
      setLoading(false);
    }
  };

  const rec = result?.recommendation;
  const check = result?.check;
  const factorGroup = (title: string, factors: readonly string[]) => (
    <div style={{ marginBottom: 8 }}>
      <div style={{ fontSize: 12, color: COLORS.textSecondary, marginBottom: 4 }}>{title}</div>
      <Space wrap size={[12, 4]}>
        {factors.map((f) => (
          <Checkbox key={f} value={f}>
            {tc(`factor.${f as 'no_harm'}`)}
          </Checkbox>
        ))}
      </Space>
    </div>
  );

  return (
    <Card size="small" title={tc('calc.title')} data-testid="discretion-calculator">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {tc('calc.hint')}
      </Typography.Paragraph>
      <Form<CalcValues>
        form={form}
        layout="vertical"
        initialValues={{
          party: { type: 'individual' },
          facts: { tier: 'first', circumstance: 'ordinary', factors: [] },
        }}
        onFinish={(v) => void submit(v)}
      >
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))', gap: '0 16px' }}>
          <Form.Item name={['party', 'type']} label={tc('calc.party')}>
            <Radio.Group
              optionType="button"
              options={PARTY_TYPES.map((p) => ({ value: p, label: tc(`disc.party.${p}`) }))}
            />
          </Form.Item>
          {partyType === 'individual' && (
            <>
              <Form.Item name={['party', 'ageAtAct']} label={tc('calc.ageAtAct')}>
                <InputNumber min={0} max={150} precision={0} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name={['party', 'mentalCapacity']} label={tc('calc.mentalCapacity')}>
                <Select
                  allowClear
                  options={(['full', 'limited', 'none'] as const).map((c) => ({
                    value: c,
                    label: tc(`calc.capacity.${c}`),
                  }))}
                />
              </Form.Item>
            </>
          )}
          <Form.Item name={['party', 'firstViolation']} label={tc('calc.firstViolation')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </div>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))', gap: '0 16px' }}>
          <Form.Item name={['facts', 'tier']} label={tc('calc.tier')}>
            <Select options={TIERS.map((x) => ({ value: x, label: tc(`disc.tier.${x}`) }))} />
          </Form.Item>
          <Form.Item name={['facts', 'circumstance']} label={tc('calc.circumstance')}>
            <Radio.Group
              optionType="button"
              options={CIRCUMSTANCES.map((c) => ({ value: c, label: tc(`circ.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name={['facts', 'units']} label={tc('calc.units')}>
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item name={['facts', 'baseAmountFen']} label={tc('calc.baseAmount')}>
            <Input inputMode="decimal" suffix={tc('cat.yuan')} />
          </Form.Item>
        </div>
        <Form.Item name={['facts', 'factors']} label={tc('calc.factors')}>
          <Checkbox.Group style={{ display: 'block' }}>
            {factorGroup(tc('calc.mitigating'), MITIGATING_FACTORS)}
            {factorGroup(tc('calc.aggravating'), AGGRAVATING_FACTORS)}
            {factorGroup(tc('calc.conditions'), CONDITION_FACTORS)}
          </Checkbox.Group>
        </Form.Item>
        <div style={{ display: 'flex', gap: 16, alignItems: 'flex-end', flexWrap: 'wrap' }}>
          <Form.Item name={['facts', 'reduce']} valuePropName="checked">
            <Checkbox>{tc('calc.reduce')}</Checkbox>
          </Form.Item>
          <Form.Item name="proposedFen" label={tc('calc.proposed')}>
            <Input inputMode="decimal" suffix={tc('cat.yuan')} style={{ width: 200 }} data-testid="calc-proposed" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={loading} data-testid="calc-run">
              {tc('calc.run')}
            </Button>
          </Form.Item>
        </div>
      </Form>
      <ApiErrorAlert error={error} />
      {rec && (
        <div data-testid="calc-result" data-outcome={rec.outcome}>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 2 }}
            items={[
              {
                key: 'outcome',
                label: tc('calc.outcome'),
                children: <Tag color={OUTCOME_COLORS[rec.outcome]}>{tc(`calc.outcome.${rec.outcome}`)}</Tag>,
              },
              { key: 'decided', label: tc('calc.decidedBy'), children: <Tag>{rec.decidedBy}</Tag> },
              { key: 'statutory', label: tc('calc.statutoryRange'), children: range(rec.statutoryRange) },
              { key: 'legal', label: tc('calc.legalRange'), children: range(rec.legalRange) },
              {
                key: 'recommended',
                label: tc('calc.recommendedRange'),
                children: (
                  <Typography.Text strong data-testid="calc-recommended">
                    {range(rec.recommendedRange)}
                  </Typography.Text>
                ),
              },
              { key: 'adjustment', label: tc('calc.adjustment'), children: tc(`calc.adjustment.${rec.adjustment}`) },
              {
                key: 'commitment',
                label: tc('calc.commitmentEligible'),
                children: rec.commitmentEligible ? t('common.yes') : t('common.no'),
              },
            ]}
          />
          {rec.rangeIssue && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 12 }}
              title={tc('calc.rangeIssue')}
              description={`${rec.rangeIssue.ruleId} · ${pick(rec.rangeIssue)}`}
            />
          )}
          {check && (
            <Alert
              style={{ marginTop: 12 }}
              showIcon
              data-testid="calc-check"
              type={!check.ok ? 'error' : check.needsReason ? 'warning' : 'success'}
              title={tc('calc.check')}
              description={
                check.ok && !check.needsReason ? (
                  tc('calc.checkOk')
                ) : (
                  <span>
                    <Tag>{check.ruleId}</Tag>
                    {'article' in check && check.article ? `${check.article}：` : ''}
                    {pick(check)}
                  </span>
                )
              }
            />
          )}
          <List
            style={{ marginTop: 12 }}
            size="small"
            bordered
            header={<strong>{tc('calc.explanation')}</strong>}
            dataSource={rec.explanation}
            data-testid="calc-explanation"
            renderItem={(e) => (
              <List.Item>
                <div>
                  <Space size={8} wrap>
                    <Tag color="blue" data-rule-id={e.ruleId}>
                      {e.ruleId}
                    </Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {e.article}
                    </Typography.Text>
                  </Space>
                  <div style={{ marginTop: 4 }}>{pick(e)}</div>
                </div>
              </List.Item>
            )}
          />
        </div>
      )}
    </Card>
  );
}
