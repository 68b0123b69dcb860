import { certificateCreate, certificatePatch, certificateStatus } from '@openenforce/domain/organization';
import { DatePicker, Form, Input, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../app/i18n.tsx';
import type { EntityFormConfig } from '../../ui/EntityFormModal.tsx';
import { noWrap } from '../../ui/cells.tsx';
import { EntityListPage } from '../../ui/EntityListPage.tsx';
import { CertStatusTag, DomainTags, useDomainOptions } from './labels.tsx';
import { PersonSelect } from './selects.tsx';
import { ORG_API, type Certificate } from './types.ts';
import { useTowns } from './lookups.ts';

interface Values {
  personId: string | null;
  number: string;
  domains: string[];
  validFrom: Dayjs | null;
  validTo: Dayjs | null;
  issuer: string | null;
}

const ISO = 'YYYY-MM-DD';
const STATUSES = ['valid', 'expiring', 'expired'] as const;

export default function CertificatesPage() {
  const { t } = useI18n();
  const { townName, query: townsQuery } = useTowns();
  const domainOptions = useDomainOptions();
  // The status is a pure domain rule of the day (EXPIRING_WITHIN_DAYS); "today" is the user's calendar day.
  const today = dayjs().format(ISO);

  const columns: ColumnsType<Certificate> = [
    { title: t('field.certNumber'), dataIndex: 'number', width: 150, render: noWrap },
    { title: t('field.holder'), dataIndex: 'personName', width: 100, render: (v: string | undefined) => noWrap(v) },
    { title: t('field.domains'), dataIndex: 'domains', render: (v: string[]) => <DomainTags domains={v} /> },
    { title: t('field.validFrom'), dataIndex: 'validFrom', render: noWrap },
    { title: t('field.validTo'), dataIndex: 'validTo', render: noWrap },
    {
      title: t('field.certStatus'),
      key: 'status',
      width: 90,
      render: (_: unknown, c) => <CertStatusTag status={certificateStatus(c, today)} />,
    },
    { title: t('field.issuer'), dataIndex: 'issuer', render: noWrap },
    { title: t('field.town'), dataIndex: 'townId', width: 110, render: (v: string | null) => townName(v) || '—' },
  ];

  const form: EntityFormConfig<Certificate, Values> = {
    noun: 'noun.certificate',
    allowCreate: true,
    defaults: { domains: [], issuer: null, personId: null, validFrom: null, validTo: null },
    toValues: (c) => ({
      personId: c.personId,
      number: c.number,
      domains: c.domains,
      validFrom: dayjs(c.validFrom),
      validTo: dayjs(c.validTo),
      issuer: c.issuer,
    }),
    toBody: (v, mode) => ({
      // The holder of a certificate never changes (certificatePatch has no personId).
      ...(mode === 'create' ? { personId: v.personId } : {}),
      number: v.number?.trim(),
      domains: v.domains ?? [],
      validFrom: v.validFrom?.format(ISO),
      validTo: v.validTo?.format(ISO),
      issuer: v.issuer?.trim() || null,
    }),
    createSchema: certificateCreate,
    patchSchema: certificatePatch,
    fields: ({ mode, record }) => (
      <>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16 }}>
          <Form.Item
            name="personId"
            label={t('field.holder')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <PersonSelect disabled={mode === 'edit'} initialLabel={record?.personName} />
          </Form.Item>
          <Form.Item
            name="number"
            label={t('field.certNumber')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input maxLength={40} />
          </Form.Item>
        </div>
        <Form.Item
          name="domains"
          label={t('field.domains')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select mode="multiple" options={domainOptions} />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16 }}>
          <Form.Item
            name="validFrom"
            label={t('field.validFrom')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="validTo"
            label={t('field.validTo')}
            extra={t('cert.validityHint')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="issuer" label={t('field.issuer')}>
          <Input maxLength={60} />
        </Form.Item>
      </>
    ),
  };

  return (
    <EntityListPage<Certificate, Values>
      testId="page-certificates"
      lookups={[townsQuery]}
      title="menu.certificates"
      description="cert.description"
      endpoint={ORG_API.certificates}
      columns={columns}
      searchPlaceholder="cert.search"
      filters={(values, set) => (
        <>
          <Select
            allowClear
            style={{ width: 130 }}
            placeholder={t('field.certStatus')}
            aria-label={t('field.certStatus')}
            value={values.status}
            onChange={(v: string | undefined) => set('status', v)}
            options={STATUSES.map((s) => ({ value: s, label: t(`certStatus.${s}`) }))}
          />
          <PersonSelect
            style={{ width: 200 }}
            value={values.personId}
            onChange={(v) => set('personId', v ?? undefined)}
            placeholder={t('field.holder')}
          />
        </>
      )}
      form={form}
    />
  );
}
