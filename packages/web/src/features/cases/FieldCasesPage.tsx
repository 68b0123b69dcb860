import { PlusOutlined } from '@ant-design/icons';
import {
  CASE_STATE_LABELS,
  checkSimpleProcedure,
  DEFAULT_CASE_SETTINGS,
  type CaseDetail,
  type Penalty,
} from '@openenforce/domain/cases';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Empty, Form, Input, InputNumber, Select, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { ApiErrorAlert } from '../../ui/errors.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { PhoneLayout } from '../events/PhoneLayout.tsx';
import { NextStepsPanel } from './CasePanels.tsx';
import { FIELD_LABELS, VALUE_LABELS } from './labels.ts';
import { useCasesI18n } from './messages.ts';
import { OpenCaseModal } from './OpenCaseForm.tsx';
import { caseActionsQuery, caseListQuery, caseQuery } from './queries.ts';
import { useSubmitStep } from './StepForm.tsx';
import { PeopleSelect } from './PeopleSelect.tsx';

interface DecideValues {
  penaltyKind: 'warning' | 'fine';
  amountYuan?: number;
  officerIds: string[];
  collectOnSpot?: 'small_fine' | 'hard_to_execute' | 'remote_area_request' | null;
  facts: string;
  basis: string;
  complianceHow: string;
  sealed: boolean;
  refusedToSign: boolean;
}

const penaltiesOf = (v: Partial<DecideValues>): Penalty[] =>
  v.penaltyKind === 'fine'
    ? [{ kind: 'fine', amountFen: Math.round((v.amountYuan ?? 0) * 100) }]
    : [{ kind: 'warning' }];

/**
 * 当场处罚 (APL-51/52): the decision on the spot. The APL-51 limits are checked here by the domain's own
 * `checkSimpleProcedure` as the officer types (the server runs the same function with the agency's settings, which
 * may be lower than the defaults used here); the form states every element APL-59 needs, the rest from the case.
 */
function DecideOnSpot({ detail, version }: { detail: CaseDetail; version: number }) {
  const { tc, pick } = useCasesI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<DecideValues>();
  const { submit, error, pending } = useSubmitStep(detail.id, 'decide_on_spot', form);
  const watched = Form.useWatch([], form) as Partial<DecideValues> | undefined;
  const refusals = useMemo(
    () =>
      detail.party ? checkSimpleProcedure(penaltiesOf(watched ?? {}), detail.party.kind, DEFAULT_CASE_SETTINGS) : [],
    [watched, detail.party],
  );
  const send = async () => {
    const v = form.getFieldsValue(true) as DecideValues;
    const today = dayjs().format('YYYY-MM-DD');
    const out = await submit(version, {
      penalties: penaltiesOf(v),
      officerIds: v.officerIds ?? [],
      collectOnSpot: v.collectOnSpot ?? null,
      refusedToSign: !!v.refusedToSign,
      elements: {
        partyName: detail.party?.name ?? '',
        partyAddress: detail.party?.address ?? detail.act.place ?? '',
        facts: v.facts ?? '',
        evidence: detail.evidence.map((e) => pick(e.typeLabel)),
        basis: v.basis ?? '',
        compliance: { how: v.complianceHow ?? '', by: '自收到本决定书之日起十五日内' },
        remedies: {
          reconsideration: '可在收到本决定书之日起六十日内申请行政复议',
          lawsuit: '可在收到本决定书之日起六个月内提起行政诉讼',
        },
        agencyName: detail.subjectName ?? detail.agency.name,
        date: today,
        sealed: !!v.sealed,
      },
    });
    if (out) void message.success(tc('ca.field.decided', { number: out.number }));
  };
  const stale = error instanceof ApiError && error.status === 409;
  return (
    <div className="oe-phone-card" data-testid="decide-on-spot">
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 0 }}>
        {tc('ca.field.decide')}
      </Typography.Title>
      <Form<DecideValues>
        form={form}
        layout="vertical"
        initialValues={{
          penaltyKind: 'warning',
          officerIds: me?.personId ? [me.personId] : [],
          complianceHow: '到指定银行缴纳罚款',
          sealed: true,
          refusedToSign: false,
        }}
      >
        <Form.Item name="penaltyKind" label={pick(FIELD_LABELS.kind!)}>
          <Select
            data-testid="spot-kind"
            options={[
              { value: 'warning', label: tc('ca.field.warning') },
              { value: 'fine', label: tc('ca.field.fineYuan') },
            ]}
          />
        </Form.Item>
        {watched?.penaltyKind === 'fine' && (
          <Form.Item name="amountYuan" label={tc('ca.field.fineYuan')}>
            <InputNumber
              min={0}
              precision={2}
              inputMode="decimal"
              style={{ width: '100%' }}
              data-testid="spot-amount"
            />
          </Form.Item>
        )}
        <div data-testid="spot-apl51" data-ok={refusals.length === 0}>
          {refusals.length === 0 ? (
            <Tag color="green">
              {tc('ca.field.check51')} · {tc('ca.field.check51ok')}
            </Tag>
          ) : (
            refusals.map((r) => (
              <Alert
                key={r.rule}
                type="error"
                showIcon
                data-testid="spot-refusal"
                data-rule={r.rule}
                title={`${r.rule} ${pick(r)}`}
                style={{ marginBottom: 8 }}
              />
            ))
          )}
        </div>
        <Form.Item name="officerIds" label={pick(FIELD_LABELS.officerIds!)}>
          <PeopleSelect multiple testId="spot-officers" />
        </Form.Item>
        <Form.Item name="collectOnSpot" label={pick(FIELD_LABELS.collectOnSpot!)}>
          <Select
            allowClear
            options={(['small_fine', 'hard_to_execute', 'remote_area_request'] as const).map((k) => ({
              value: k,
              label: pick(VALUE_LABELS[k]!),
            }))}
          />
        </Form.Item>
        <Form.Item name="facts" label={pick(FIELD_LABELS.facts!)}>
          <Input.TextArea rows={3} data-testid="spot-facts" />
        </Form.Item>
        <Form.Item name="basis" label={pick(FIELD_LABELS.basis!)}>
          <Input.TextArea rows={2} data-testid="spot-basis" />
        </Form.Item>
        <Form.Item name="complianceHow" label={pick(FIELD_LABELS.how!)}>
          <Input />
        </Form.Item>
        <Form.Item name="sealed" valuePropName="checked" style={{ marginBottom: 4 }}>
          <Checkbox>{pick(FIELD_LABELS.sealed!)}</Checkbox>
        </Form.Item>
        <Form.Item name="refusedToSign" valuePropName="checked">
          <Checkbox>{pick(FIELD_LABELS.refusedToSign!)}</Checkbox>
        </Form.Item>
      </Form>
      {stale && <Alert type="warning" showIcon title={tc('ca.step.stale')} data-testid="step-stale" />}
      {!error || stale ? null : error instanceof ApiError ? (
        <ApiErrorAlert error={error} testId="step-error" />
      ) : (
        <Alert type="error" showIcon title={(error as Error).message} data-testid="step-error" />
      )}
      <div className="oe-phone-actions">
        <Button
          type="primary"
          block
          loading={pending}
          disabled={refusals.length > 0}
          onClick={() => void send()}
          data-testid="spot-submit"
        >
          {tc('ca.field.decide')}
        </Button>
      </div>
    </div>
  );
}

function FieldCase({ id }: { id: string }) {
  const { pick } = useCasesI18n();
  const navigate = useNavigate();
  const detail = useQuery(caseQuery(id));
  const actions = useQuery(caseActionsQuery(id));
  const d = detail.data;
  if (!d) return detail.isError ? <QueryError query={detail} /> : <Spin />;
  const canDecide = actions.data?.actions.some((a) => a.action === 'decide_on_spot' && a.allowed);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 10 }} data-testid="field-case" data-status={d.status}>
      <div className="oe-phone-card">
        <Typography.Text strong>{d.number}</Typography.Text>
        <div>
          <Tag>{pick(CASE_STATE_LABELS[d.status])}</Tag>
        </div>
        <div style={{ fontSize: 13 }}>{d.matterName}</div>
        <div style={{ fontSize: 13 }}>{d.party?.name}</div>
        <div style={{ fontSize: 13 }}>{d.summary}</div>
      </div>
      <QueryError queries={[detail, actions]} />
      {canDecide ? (
        <DecideOnSpot detail={d} version={actions.data?.version ?? d.version} />
      ) : (
        // Other steps belong to the console's case page; the phone shows why nothing (else) is possible here.
        <NextStepsPanel actions={actions.data} onStep={() => void navigate(`/cases/${id}`)} />
      )}
    </div>
  );
}

function MyCases() {
  const { tc, pick } = useCasesI18n();
  const navigate = useNavigate();
  const [opening, setOpening] = useState(false);
  const list = useQuery(caseListQuery({ queue: 'mine', limit: 20 }));
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="field-case-new">
        {tc('ca.field.newCase')}
      </Button>
      <QueryError query={list} />
      {list.isPending && <Spin />}
      {list.data?.items.length === 0 && <Empty description={tc('ca.home.empty')} />}
      {list.data?.items.map((c) => (
        <Link key={c.id} to={`/field/cases/${c.id}`} className="oe-phone-card" data-testid="field-case-row">
          <Typography.Text strong>{c.number}</Typography.Text> <Tag>{pick(CASE_STATE_LABELS[c.status])}</Tag>
          <div style={{ fontSize: 13 }}>{[c.matterName, c.partyName].filter(Boolean).join(' · ')}</div>
        </Link>
      ))}
      <OpenCaseModal
        open={opening}
        onClose={() => setOpening(false)}
        onOpened={(id) => {
          setOpening(false);
          void navigate(`/field/cases/${id}`);
        }}
      />
    </div>
  );
}

/** 现场办案 (issue 10 §11, 360×740): the officer's cases, a new case on the spot, the decision on the spot. */
export default function FieldCasesPage() {
  const { tc } = useCasesI18n();
  const { id } = useParams();
  const navigate = useNavigate();
  return (
    <PhoneLayout
      title={id ? tc('ca.field.decide') : tc('ca.field.title')}
      back={() => navigate(id ? '/field/cases' : '/field')}
      testId="field-cases-page"
    >
      <App component={false}>{id ? <FieldCase key={id} id={id} /> : <MyCases />}</App>
    </PhoneLayout>
  );
}
