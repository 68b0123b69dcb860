import { jurisdictionRuleLabel } from '@openenforce/domain/catalog';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../app/api.ts';
import { ApiErrorAlert } from '../../ui/errors.tsx';
import { TownModeTag } from '../organization/labels.tsx';
import { useCatalogI18n } from './messages.ts';
import { CATALOG_API, type JurisdictionResponse, type TownRef } from './types.ts';

/**
 * Who acts on this matter in a town on a date, in whose name, and why: POST …/jurisdiction {townId, date}. The
 * answer is the shared jurisdiction function's (the one dispatch, case filing and document headers use).
 */
export function JurisdictionPanel({
  matterId,
  towns,
  defaultDate,
}: {
  matterId: string;
  towns: TownRef[];
  defaultDate: string;
}) {
  const i18n = useCatalogI18n();
  const { tc, pick } = i18n;
  const [townId, setTownId] = useState<string>();
  const [date, setDate] = useState<Dayjs>(() => dayjs(defaultDate));
  const [result, setResult] = useState<JurisdictionResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const run = async (id = townId) => {
    if (!id) return;
    setLoading(true);
    setError(null);
    try {
      setResult(
        await api<JurisdictionResponse>(CATALOG_API.jurisdiction(matterId), {
          method: 'POST',
          body: { townId: id, date: date.format('YYYY-MM-DD') },
        }),
      );
    } catch (err) {
      setResult(null);
      setError(err);
    } finally {
      setLoading(false);
    }
  };

  const r = result?.result;
  return (
    <Card size="small" title={tc('jur.title')} data-testid="jurisdiction-panel">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {tc('jur.hint')}
      </Typography.Paragraph>
      <Form layout="inline" style={{ rowGap: 8, marginBottom: 16 }} onFinish={() => void run()}>
        <Form.Item label={tc('jur.town')} htmlFor="jurisdiction-town">
          <Select
            id="jurisdiction-town"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={tc('jur.pickTown')}
            value={townId}
            onChange={(v: string) => {
              setTownId(v);
              void run(v);
            }}
            style={{ width: 220 }}
            data-testid="jurisdiction-town"
            options={towns.map((tw) => ({
              value: tw.id,
              label: tw.name,
            }))}
            optionRender={(o) => {
              const tw = towns.find((x) => x.id === o.value);
              return (
                <span>
                  {o.label} <TownModeTag mode={tw?.townMode} />
                </span>
              );
            }}
          />
        </Form.Item>
        <Form.Item label={tc('jur.date')}>
          <DatePicker
            value={date}
            onChange={(d) => d && setDate(d)}
            allowClear={false}
            data-testid="jurisdiction-date"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={loading} disabled={!townId} data-testid="jurisdiction-run">
          {tc('jur.run')}
        </Button>
      </Form>
      <ApiErrorAlert error={error} />
      {result && r && (
        <div data-testid="jurisdiction-result" data-ok={String(r.ok)} data-rule={r.ruleId}>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            <Space>
              <strong>{result.town.name}</strong>
              <TownModeTag mode={result.town.townMode} />
              <span>{result.date}</span>
            </Space>
          </Typography.Paragraph>
          {r.ok ? (
            <>
              <Alert
                type="success"
                showIcon
                style={{ marginBottom: 12 }}
                title={<span data-testid="jurisdiction-explanation">{pick(r.explanation)}</span>}
              />
              <Descriptions
                size="small"
                bordered
                column={{ xs: 1, md: 2 }}
                items={[
                  {
                    key: 'team',
                    label: tc('jur.team'),
                    children: <span data-testid="jurisdiction-team">{r.team.name}</span>,
                  },
                  { key: 'agency', label: tc('jur.agency'), children: r.agency.name },
                  {
                    key: 'subject',
                    label: tc('jur.subject'),
                    children: (
                      <Typography.Text strong data-testid="jurisdiction-subject">
                        {r.subjectName}
                      </Typography.Text>
                    ),
                  },
                  { key: 'mode', label: tc('jur.mode'), children: tc(`jur.mode.${r.actingMode}`) },
                  ...(r.assistingTeam
                    ? [{ key: 'assist', label: tc('jur.assisting'), children: r.assistingTeam.name }]
                    : []),
                  {
                    key: 'rule',
                    label: tc('jur.rule'),
                    children: (
                      <Tag color="blue" title={r.ruleId}>
                        {pick(jurisdictionRuleLabel(r.ruleId))}
                      </Tag>
                    ),
                  },
                ]}
              />
            </>
          ) : (
            <Alert
              type="warning"
              showIcon
              title={
                <span>
                  {tc('jur.refused')}{' '}
                  <Tag color="orange" title={r.ruleId}>
                    {pick(jurisdictionRuleLabel(r.ruleId))}
                  </Tag>
                </span>
              }
              description={
                <>
                  <div data-testid="jurisdiction-explanation">{pick(r.reason)}</div>
                  {r.referTo && (
                    <div style={{ marginTop: 4 }}>
                      {tc('jur.referTo')}: {r.referTo.team.name}（{r.referTo.subjectName}）
                    </div>
                  )}
                </>
              }
            />
          )}
        </div>
      )}
    </Card>
  );
}
