import { caseOpen, checkParty, PARTY_KINDS, type PartyKind } from '@openenforce/domain/cases';
import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../app/api.ts';
import { ApiErrorAlert } from '../../ui/errors.tsx';
import { issueText, pathOf, placeIssues, useApplyServerErrors } from '../../ui/formErrors.ts';
import { RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { TownSelect } from '../organization/selects.tsx';
import { valueLabel } from './labels.ts';
import { useCasesI18n } from './messages.ts';
import { useOpenCase } from './queries.ts';

interface Values {
  source: 'direct' | 'inspection' | 'referral' | 'agency_transfer';
  sourceRef?: string;
  matterId?: string | null;
  townId?: string | null;
  act: { date?: Dayjs; endDate?: Dayjs | null; discoveredOn?: Dayjs; place?: string };
  party: { kind: PartyKind; name?: string; idNumber?: string; address?: string };
  summary?: string;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** The body of `POST /api/cases` from the form (days as YYYY-MM-DD; empty optional texts left out). */
export function openBody(v: Values) {
  return {
    source: v.source,
    ...(v.sourceRef?.trim() ? { sourceRef: v.sourceRef.trim() } : {}),
    matterId: v.matterId ?? '',
    ...(v.townId ? { townId: v.townId } : {}),
    act: {
      date: day(v.act.date) ?? '',
      endDate: day(v.act.endDate) ?? null,
      discoveredOn: day(v.act.discoveredOn) ?? '',
      place: v.act.place?.trim() || null,
    },
    party: {
      kind: v.party.kind,
      name: v.party.name?.trim() ?? '',
      idNumber: v.party.idNumber?.trim().toUpperCase() || null,
      address: v.party.address?.trim() || null,
    },
    summary: v.summary?.trim() ?? '',
  };
}

/**
 * 登记案件 (direct filing, issue 10 §1): the matter, the place and date of the act, the party (the ID number or the
 * unified social credit code checked in the browser by the domain's `checkParty`, GB 11643 / GB 32100, as the
 * server checks it), the source. The server decides the enforcement subject and team (jurisdiction engine).
 */
export function OpenCaseModal({
  open,
  onClose,
  onOpened,
}: {
  open: boolean;
  onClose: () => void;
  onOpened: (id: string) => void;
}) {
  const { tc, pick } = useCasesI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch(['party', 'kind'], form) ?? 'organisation';
  const opener = useOpenCase();
  const applyServerErrors = useApplyServerErrors();
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    setError(null);
    const v = form.getFieldsValue(true) as Values;
    const body = openBody(v);
    const issues = [
      ...checkParty(body.party).map((r) => ({ path: pathOf(r.path), text: pick(r) })),
      ...(caseOpen.safeParse(body).error?.issues ?? []).map((i) => ({
        path: pathOf(i.path as PropertyKey[]),
        text: issueText(pick, i),
      })),
    ];
    if (issues.length) {
      const rest = placeIssues(form, issues);
      if (rest.length) setError(new Error(rest.join('; ')));
      return;
    }
    try {
      const out = await opener.mutateAsync(caseOpen.parse(body));
      void message.success(tc('ca.opened', { number: out.number }));
      form.resetFields();
      onOpened(out.id);
    } catch (e) {
      if (!applyServerErrors(form, e)) setError(e);
    }
  };

  return (
    <Modal
      open={open}
      width={720}
      title={tc('ca.openForm.title')}
      onCancel={onClose}
      okText={tc('ca.openForm.submit')}
      cancelText={tc('ca.openForm.cancel')}
      confirmLoading={opener.isPending}
      okButtonProps={{ id: 'open-submit' }}
      onOk={() => void submit()}
      destroyOnHidden
    >
      {error instanceof ApiError ? (
        <ApiErrorAlert error={error} testId="open-error" style={{ marginBottom: 12 }} />
      ) : error ? (
        <Alert type="error" showIcon title={(error as Error).message} data-testid="open-error" />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="open-case-form"
        initialValues={{
          source: 'direct',
          act: { date: dayjs(), discoveredOn: dayjs() },
          party: { kind: 'organisation' },
        }}
      >
        <Form.Item name="source" label={tc('ca.openForm.source')}>
          <Select
            options={(['direct', 'inspection', 'referral', 'agency_transfer'] as const).map((s) => ({
              value: s,
              label: valueLabel(pick, s),
            }))}
          />
        </Form.Item>
        <Form.Item name="sourceRef" label={tc('ca.openForm.sourceRef')}>
          <Input />
        </Form.Item>
        <Form.Item name="matterId" label={tc('ca.openForm.matter')} rules={[{ required: true }]}>
          <RemoteSelect<{ id: string; name: string; code: string | null }>
            endpoint="/api/catalog/matters"
            optionLabel={(m) => (m.code ? `${m.code} ${m.name}` : m.name)}
            data-testid="open-matter"
          />
        </Form.Item>
        <Form.Item name="townId" label={tc('ca.openForm.town')} rules={[{ required: true }]}>
          <TownSelect />
        </Form.Item>
        <Form.Item name={['act', 'date']} label={tc('ca.openForm.actDate')} rules={[{ required: true }]}>
          <DatePicker data-testid="open-act-date" />
        </Form.Item>
        <Form.Item name={['act', 'endDate']} label={tc('ca.openForm.actEndDate')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name={['act', 'discoveredOn']} label={tc('ca.openForm.discoveredOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name={['act', 'place']} label={tc('ca.openForm.place')}>
          <Input data-testid="open-place" />
        </Form.Item>
        <Form.Item name={['party', 'kind']} label={tc('ca.openForm.partyKind')}>
          <Select
            data-testid="open-party-kind"
            options={PARTY_KINDS.map((k) => ({
              value: k,
              label: valueLabel(pick, k),
            }))}
          />
        </Form.Item>
        <Form.Item name={['party', 'name']} label={tc('ca.openForm.partyName')} rules={[{ required: true }]}>
          <Input data-testid="open-party-name" />
        </Form.Item>
        <Form.Item
          name={['party', 'idNumber']}
          label={kind === 'citizen' ? tc('ca.openForm.partyIdCitizen') : tc('ca.openForm.partyIdOrg')}
          rules={[
            {
              // The domain's own check (GB 11643 / GB 32100 check digits), as the server runs it.
              validator: async (_, value: string | undefined) => {
                const r = checkParty({ kind, name: 'x', idNumber: value ?? null });
                if (r.length) throw new Error(pick(r[0]!));
              },
            },
          ]}
        >
          <Input maxLength={18} data-testid="open-party-id" style={{ textTransform: 'uppercase' }} />
        </Form.Item>
        <Form.Item name={['party', 'address']} label={tc('ca.openForm.partyAddress')}>
          <Input />
        </Form.Item>
        <Form.Item name="summary" label={tc('ca.openForm.summary')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} data-testid="open-summary" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
