import { CIRCUMSTANCES, TIERS, type Circumstance, type Tier } from '@openenforce/domain/catalog';
import { HANDLING_OUTCOMES, SIMPLE_PROCEDURE_MAX_FEN, type SimplePenaltyKind } from '@openenforce/domain/events';
import { App, Button, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useAuth } from '../../app/auth.tsx';
import { QueryError, selectQueryProps } from '../../ui/QueryError.tsx';
import { teamPeopleQuery } from '../organization/queries.ts';
import { OUTCOME_LABELS, yuanToFen } from './labels.tsx';
import { useEventsI18n } from './messages.ts';
import { PhotoInput } from './PhotoInput.tsx';
import { SignaturePad, type SignatureCapture } from '../../ui/SignaturePad.tsx';
import { useStep } from './queries.ts';
import { StepError } from './StepError.tsx';
import type { EventDetail, HandlingOutcome } from './types.ts';

interface Values {
  outcome: HandlingOutcome;
  note: string;
  dueDate?: Dayjs;
  partyKind?: 'citizen' | 'organisation';
  partyName?: string;
  penalty?: SimplePenaltyKind;
  fineYuan?: number;
  tier?: Tier;
  circumstance?: Circumstance;
  officerIds?: string[];
  formNo?: string;
  toDepartment?: string;
}

const NEEDS_PARTY: readonly HandlingOutcome[] = ['rectification', 'simple_penalty', 'commitment'];

/** 处置: the outcome with what each needs (due date, party, fine in yuan → fen, two officers), before/after photos. */
export function HandleForm({ event }: { event: EventDetail }) {
  const { te, pick } = useEventsI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch('outcome', form);
  const penalty = Form.useWatch('penalty', form);
  const partyKind = Form.useWatch('partyKind', form);
  const partyName = Form.useWatch('partyName', form);
  // The party's signature (drawn and uploaded, or an explicit refusal); a typed name is never one.
  const [signature, setSignature] = useState<SignatureCapture | null>(null);
  const [before, setBefore] = useState<string[]>([]);
  const [after, setAfter] = useState<string[]>([]);
  const handle = useStep();
  const peopleQuery = useQuery({ ...teamPeopleQuery(event.teamId ?? ''), enabled: !!event.teamId });
  const people = peopleQuery.data ?? [];

  // The officer handling it is one of the two officers, preselected once the team's people are known.
  const self = people.find((p) => p.id === me?.personId)?.id;
  useEffect(() => {
    if (self && !form.getFieldValue('officerIds')?.length) form.setFieldValue('officerIds', [self]);
  }, [self, form]);

  async function submit() {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return; // the messages are on the fields
    }
    const party = v.partyName ? { kind: v.partyKind ?? 'citizen', name: v.partyName.trim() } : undefined;
    const signed = signature ? { partySignature: signature } : {};
    const common = { outcome: v.outcome, version: event.version, note: v.note.trim(), photoIds: [...before, ...after] };
    let body: Record<string, unknown>;
    switch (v.outcome) {
      case 'rectification':
        body = { ...common, dueDate: v.dueDate!.format('YYYY-MM-DD'), party, ...signed };
        break;
      case 'simple_penalty':
        body = {
          ...common,
          party,
          penalty: v.penalty,
          fineFen: v.penalty === 'fine' ? yuanToFen(v.fineYuan ?? 0) : 0,
          tier: v.tier ?? 'first',
          circumstance: v.circumstance ?? 'ordinary',
          officerIds: v.officerIds ?? [],
          formNo: v.formNo?.trim(),
          partyRefusedToSign: signature !== null && 'refused' in signature,
          ...signed,
        };
        break;
      case 'commitment':
        body = { ...common, party, ...signed };
        break;
      case 'case_filed':
        body = party ? { ...common, party } : common;
        break;
      case 'transferred':
        body = { ...common, toDepartment: v.toDepartment?.trim() };
        break;
      default:
        body = common;
    }
    handle.mutate(
      { id: event.id, action: 'handle', body, ask: true },
      { onSuccess: () => void message.success(te('ev.handled')) },
    );
  }

  const maxYuan = SIMPLE_PROCEDURE_MAX_FEN[partyKind ?? 'citizen'] / 100;
  // The message names the field ("必填" alone does not say which one, on a long phone form).
  const required = (label: string) => ({ required: true, message: te('ev.required', { field: label }) });

  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{
        outcome: 'fixed_on_site',
        partyKind: 'citizen',
        penalty: 'fine',
        tier: 'first',
        circumstance: 'ordinary',
      }}
      data-testid="handle-form"
    >
      <Form.Item name="outcome" label={te('ev.outcome')} rules={[required(te('ev.outcome'))]}>
        <Radio.Group style={{ width: '100%' }} data-testid="handle-outcome">
          <Space orientation="vertical" style={{ width: '100%' }}>
            {HANDLING_OUTCOMES.map((o) => (
              <Radio key={o} value={o} data-outcome={o}>
                {pick(OUTCOME_LABELS[o])}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="note" label={te('ev.handle.note')} rules={[required(te('ev.handle.note'))]}>
        <Input.TextArea
          rows={3}
          maxLength={1000}
          placeholder={te('ev.handle.notePlaceholder')}
          data-testid="handle-note"
        />
      </Form.Item>
      {outcome && NEEDS_PARTY.concat('case_filed').includes(outcome) && (
        <Form.Item label={te('ev.party')} required={NEEDS_PARTY.includes(outcome)} style={{ marginBottom: 0 }}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="partyKind" noStyle>
              <Select
                style={{ width: 112 }}
                aria-label={te('ev.party')}
                options={[
                  { value: 'citizen', label: te('ev.party.citizen') },
                  { value: 'organisation', label: te('ev.party.organisation') },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="partyName"
              noStyle
              rules={NEEDS_PARTY.includes(outcome) ? [required(te('ev.party.name'))] : []}
            >
              <Input placeholder={te('ev.party.name')} data-testid="party-name" />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
      )}
      {outcome && NEEDS_PARTY.concat('case_filed').includes(outcome) && <div style={{ height: 16 }} />}
      {outcome === 'rectification' && (
        <Form.Item name="dueDate" label={te('ev.rectifyDue')} rules={[required(te('ev.rectifyDue'))]}>
          <DatePicker
            style={{ width: '100%' }}
            inputReadOnly
            disabledDate={(d) => !d.isAfter(dayjs(), 'day')}
            data-testid="rectify-due"
          />
        </Form.Item>
      )}
      {outcome === 'simple_penalty' && (
        <>
          <Form.Item name="penalty" label={te('ev.penalty')}>
            <Radio.Group
              options={[
                { value: 'warning', label: te('ev.penalty.warning') },
                { value: 'circulated_criticism', label: te('ev.penalty.circulated_criticism') },
                { value: 'fine', label: te('ev.penalty.fine') },
              ]}
            />
          </Form.Item>
          {/* The facts the catalog's discretion check reads: the fine must lie in the matter's range for them. */}
          <Form.Item name="tier" label={te('ev.tier')} extra={te('ev.tierHint')}>
            <Select
              aria-label={te('ev.tier')}
              options={TIERS.map((t) => ({ value: t, label: te(`ev.tier.${t}`) }))}
              data-testid="penalty-tier"
            />
          </Form.Item>
          <Form.Item name="circumstance" label={te('ev.circumstance')}>
            <Select
              aria-label={te('ev.circumstance')}
              options={CIRCUMSTANCES.map((c) => ({ value: c, label: te(`ev.circumstance.${c}`) }))}
              data-testid="penalty-circumstance"
            />
          </Form.Item>
          {penalty === 'fine' && (
            <Form.Item
              name="fineYuan"
              label={te('ev.fineYuan')}
              extra={te('ev.fineLimit', { max: maxYuan })}
              rules={[required(te('ev.fineYuan'))]}
            >
              <InputNumber
                min={0.01}
                step={10}
                precision={2}
                style={{ width: '100%' }}
                suffix={te('ev.yuan')}
                inputMode="decimal"
                data-testid="fine-yuan"
              />
            </Form.Item>
          )}
          <Form.Item
            name="officerIds"
            label={te('ev.officers')}
            extra={peopleQuery.isError ? <QueryError query={peopleQuery} compact /> : te('ev.officersHint')}
            rules={[
              {
                validator: (_r, v: string[] | undefined) =>
                  (v?.length ?? 0) >= 2 ? Promise.resolve() : Promise.reject(new Error(te('ev.officersTwo'))),
              },
            ]}
          >
            <Select
              mode="multiple"
              options={people.map((p) => ({
                value: p.id,
                label: `${p.name}${p.isAuxiliary ? te('ev.auxiliarySuffix') : ''}`,
                disabled: p.isAuxiliary,
              }))}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="officers"
              {...selectQueryProps(peopleQuery)}
            />
          </Form.Item>
          <Form.Item name="formNo" label={te('ev.formNo')} rules={[required(te('ev.formNo'))]}>
            <Input maxLength={40} data-testid="form-no" />
          </Form.Item>
        </>
      )}
      {outcome && NEEDS_PARTY.includes(outcome) && (
        <Form.Item extra={signature ? undefined : te('ev.signatureHint')}>
          <SignaturePad
            signer={partyName ?? ''}
            label={te('ev.partySignature')}
            onChange={setSignature}
            testId="party-signature"
          />
        </Form.Item>
      )}
      {outcome === 'transferred' && (
        <Form.Item name="toDepartment" label={te('ev.toDepartment')} rules={[required(te('ev.toDepartment'))]}>
          <Input maxLength={100} />
        </Form.Item>
      )}
      <Form.Item label={te('ev.photoBefore')}>
        <PhotoInput kind="before" onChange={setBefore} label={te('ev.photoBefore')} />
      </Form.Item>
      <Form.Item label={te('ev.photoAfter')} extra={outcome === 'fixed_on_site' ? te('ev.afterRequired') : undefined}>
        <PhotoInput kind="after" onChange={setAfter} label={te('ev.photoAfter')} />
      </Form.Item>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 8 }}>
        {te('ev.positionNote')}
      </Typography.Text>
      <StepError error={handle.error} style={{ marginBottom: 8 }} />
      <div className="oe-phone-actions">
        <Button type="primary" loading={handle.isPending} onClick={() => void submit()} data-testid="handle-submit">
          {te('ev.handle.submit')}
        </Button>
      </div>
    </Form>
  );
}
