import { Alert, App, Button, Card, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, type ApiError } from '../../app/api.ts';
import type { WithdrawalResult } from '@openenforce/domain/catalog';
import { ApiErrorAlert } from '../../ui/errors.tsx';
import { useApplyServerErrors } from '../../ui/formErrors.ts';
import { selectQueryProps } from '../../ui/QueryError.tsx';
import { PageContainer } from '../../ui/PageContainer.tsx';
import { TownModeTag } from '../organization/labels.tsx';
import { useTowns } from './lookups.ts';
import { MatterMultiSelect } from './MatterMultiSelect.tsx';
import { useCatalogI18n } from './messages.ts';
import { useCatalogChanged } from './queries.ts';
import { CATALOG_API } from './types.ts';

interface Values {
  townId: string;
  matterIds: string[];
  effectiveFrom: Dayjs;
  announcement: string;
}

/**
 * /catalog/withdrawals (administrators): withdraw a town's power over matters by announcement. Each matter gets a
 * dated new version with the town's power set to none (all or nothing on the server).
 */
export default function WithdrawalPage() {
  const { tc, pick } = useCatalogI18n();
  const { message } = App.useApp();
  const { towns, query: townsQuery } = useTowns();
  const changed = useCatalogChanged();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const applyServerErrors = useApplyServerErrors();

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    setDone(null);
    try {
      const r = await api<WithdrawalResult>(CATALOG_API.withdrawals, {
        method: 'POST',
        body: {
          townId: v.townId,
          matterIds: v.matterIds,
          effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
          announcement: v.announcement,
        },
      });
      // One new version per matter withdrawn.
      setDone(r.versions.length);
      changed();
      message.success(tc('wd.done', { n: r.versions.length }));
      form.resetFields(['matterIds']);
    } catch (err) {
      // `body.matterIds.3.townPowers` names the fourth matter: the error goes on the matter field.
      if (applyServerErrors(form, err)) message.error(pick((err as ApiError).body.message));
      else setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageContainer testId="page-catalog-withdrawals" title={tc('wd.title')} description={tc('wd.description')}>
      <Card size="small" style={{ maxWidth: 880 }}>
        <ApiErrorAlert error={error} style={{ marginBottom: 12 }} />
        {done !== null && (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            title={tc('wd.done', { n: done })}
            data-testid="withdrawal-done"
          />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ effectiveFrom: dayjs(), matterIds: [] }}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item name="townId" label={tc('field.town')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={towns.map((tw) => ({ value: tw.id, label: tw.name }))}
              optionRender={(o) => (
                <span>
                  {o.label} <TownModeTag mode={towns.find((x) => x.id === o.value)?.townMode} />
                </span>
              )}
              style={{ maxWidth: 320 }}
              data-testid="withdrawal-town"
              {...selectQueryProps(townsQuery)}
            />
          </Form.Item>
          <Form.Item name="matterIds" label={tc('field.matters')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <MatterMultiSelect data-testid="withdrawal-matters" />
          </Form.Item>
          <div style={{ display: 'grid', gridTemplateColumns: '200px 1fr', gap: '0 16px' }}>
            <Form.Item name="effectiveFrom" label={tc('field.effectiveFrom')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="announcement"
              label={tc('field.announcement')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </div>
          <Button type="primary" danger htmlType="submit" loading={saving} data-testid="withdrawal-submit">
            {tc('wd.submit')}
          </Button>
        </Form>
      </Card>
    </PageContainer>
  );
}
