import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  CASE_STEP_BODIES,
  EVIDENCE_TYPE_LABELS,
  PENALTY_KIND_LABELS,
  PENALTY_KINDS,
  type CaseDetail,
  type CaseStepAction,
} from '@openenforce/domain/cases';
import { Alert, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import type { FormInstance } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import type { Bilingual } from '../../app/i18n.tsx';
import { ApiErrorAlert } from '../../ui/errors.tsx';
import { issueText, pathOf, placeIssues, useApplyServerErrors, type FieldPath } from '../../ui/formErrors.ts';
import { PeopleSelect } from './PeopleSelect.tsx';
import { ACTION_LABELS, FIELD_LABELS, FIELD_VALUE_LABELS, valueLabel } from './labels.ts';
import { useCasesI18n } from './messages.ts';
import { useCaseStep } from './queries.ts';
import { initialValues, stepFields, toBody, today, type StepField } from './stepFields.ts';

/** Server paths that name the body's inputs by another name (the server loads officers from their ids). */
function alias(path: FieldPath): FieldPath {
  const renamed = path.map((p) =>
    p === 'officers' ? 'officerIds' : p === 'investigators' ? 'investigatorIds' : p === 'amountFen' ? 'amountYuan' : p,
  );
  return renamed;
}

function FieldControl({
  field,
  path,
  evidence,
}: {
  field: StepField;
  path: (string | number)[];
  evidence: CaseDetail['evidence'];
}) {
  const { pick, tc } = useCasesI18n();
  const label = pick(FIELD_LABELS[field.name] ?? { zh: field.name, en: field.name });
  const name = [...path, field.name];
  const testId = `step-field-${name.join('-')}`;
  const k = field.kind;
  switch (k.k) {
    case 'object':
      return (
        <fieldset className="oe-case-fieldset" data-testid={testId}>
          <legend>{label}</legend>
          {k.fields.map((f) => (
            <FieldControl key={f.name} field={f} path={name} evidence={evidence} />
          ))}
        </fieldset>
      );
    case 'bool':
      return (
        <Form.Item name={name} valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox data-testid={testId}>{label}</Checkbox>
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item name={name} label={label} rules={field.optional ? [] : [{ required: true }]}>
          <DatePicker data-testid={testId} style={{ width: 200 }} />
        </Form.Item>
      );
    case 'datetime':
      return (
        <Form.Item name={name} label={label}>
          <DatePicker showTime data-testid={testId} style={{ width: 220 }} />
        </Form.Item>
      );
    case 'money':
      return (
        <Form.Item name={name} label={label}>
          <InputNumber min={0} precision={2} step={50} data-testid={testId} style={{ width: 200 }} />
        </Form.Item>
      );
    case 'int':
      return (
        <Form.Item name={name} label={label} rules={field.optional ? [] : [{ required: true }]}>
          <InputNumber min={k.min} max={k.max} precision={0} data-testid={testId} style={{ width: 160 }} />
        </Form.Item>
      );
    case 'enum':
      return (
        <Form.Item name={name} label={label} rules={field.optional ? [] : [{ required: true }]}>
          <Select
            allowClear={field.optional}
            data-testid={testId}
            style={{ maxWidth: 360 }}
            options={k.options.map((o) => ({
              value: o,
              label: valueLabel(pick, o, {
                ...PENALTY_KIND_LABELS,
                ...EVIDENCE_TYPE_LABELS,
                ...FIELD_VALUE_LABELS[field.name],
              } as Record<string, Bilingual>),
            }))}
          />
        </Form.Item>
      );
    case 'person':
    case 'people':
      return (
        <Form.Item name={name} label={label} rules={field.optional ? [] : [{ required: true }]}>
          <PeopleSelect multiple={k.k === 'people'} testId={testId} />
        </Form.Item>
      );
    case 'evidenceRef':
      return (
        <Form.Item name={name} label={label} rules={[{ required: true }]}>
          <Select
            data-testid={testId}
            options={evidence.map((e) => ({ value: e.id, label: `${pick(e.typeLabel)} · ${e.id.slice(0, 8)}` }))}
          />
        </Form.Item>
      );
    case 'strings':
      return (
        <Form.Item name={name} label={label}>
          <Select mode="tags" open={false} data-testid={testId} tokenSeparators={['；', ';']} />
        </Form.Item>
      );
    case 'files':
      // Files are attached from the evidence register's uploads (platform/files); the form sends none of its own.
      return null;
    case 'penalties':
      return (
        <fieldset className="oe-case-fieldset" data-testid={testId}>
          <legend>{label}</legend>
          <Form.List name={name}>
            {(items, { add, remove }) => (
              <>
                {items.map((item, i) => (
                  <Space key={item.key} align="baseline" wrap>
                    <Form.Item name={[item.name, 'kind']} label={pick(FIELD_LABELS.kind!)} rules={[{ required: true }]}>
                      <Select
                        style={{ width: 200 }}
                        data-testid={`${testId}-${i}-kind`}
                        options={PENALTY_KINDS.filter((p) => p !== 'detention').map((p) => ({
                          value: p,
                          label: pick(PENALTY_KIND_LABELS[p]),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item name={[item.name, 'amountYuan']} label={pick(FIELD_LABELS.amountFen!)}>
                      <InputNumber min={0} precision={2} step={50} data-testid={`${testId}-${i}-amount`} />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={tc('ca.step.remove')}
                      onClick={() => remove(item.name)}
                    />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'fine' })} data-testid={`${testId}-add`}>
                  {tc('ca.step.addPenalty')}
                </Button>
              </>
            )}
          </Form.List>
        </fieldset>
      );
    case 'text':
      return (
        <Form.Item name={name} label={label} rules={k.required ? [{ required: true }] : []}>
          {k.long ||
          ['reason', 'opinion', 'summary', 'facts', 'basis', 'statement', 'conclusion'].includes(field.name) ? (
            <Input.TextArea rows={2} data-testid={testId} />
          ) : (
            <Input data-testid={testId} />
          )}
        </Form.Item>
      );
  }
}

/** The fields of a step, inside a Form the caller owns (the phone page's decision form reuses them). */
export function StepFields({ action, evidence }: { action: CaseStepAction; evidence: CaseDetail['evidence'] }) {
  const fields = useMemo(() => stepFields(action), [action]);
  return (
    <>
      {fields.map((f) => (
        <FieldControl key={f.name} field={f} path={[]} evidence={evidence} />
      ))}
    </>
  );
}

/**
 * Checks the body with the step's own schema (the server checks it again) and sends it with the version last read;
 * a 409 says the case moved on (reload), other refusals land on their fields or above the form.
 */
export function useSubmitStep(caseId: string, action: CaseStepAction, form: FormInstance) {
  const step = useCaseStep();
  const applyServerErrors = useApplyServerErrors();
  const { pick } = useCasesI18n();
  const [error, setError] = useState<unknown>(null);
  const fields = useMemo(() => stepFields(action), [action]);
  const submit = async (version: number, extra: Record<string, unknown> = {}) => {
    setError(null);
    const values = form.getFieldsValue(true) as Record<string, unknown>;
    const body = { ...toBody(fields, values), ...extra, version };
    const parsed = CASE_STEP_BODIES[action].safeParse(body);
    if (!parsed.success) {
      const rest = placeIssues(
        form,
        parsed.error.issues.map((i) => ({ path: pathOf(i.path as PropertyKey[]), text: issueText(pick, i) })),
        alias,
      );
      if (rest.length) setError(new Error(rest.join('; ')));
      return null;
    }
    try {
      return await step.mutateAsync({ id: caseId, action, body });
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 409) && applyServerErrors(form, e, alias)) return null;
      setError(e);
      return null;
    }
  };
  return { submit, error, pending: step.isPending, fields };
}

/** The step's form in a modal: every field of the body schema as a named control. */
export function StepModal({
  detail,
  action,
  version,
  onClose,
  onReload,
}: {
  detail: CaseDetail;
  action: CaseStepAction | null;
  version: number;
  onClose: () => void;
  onReload: () => void;
}) {
  if (!action) return null;
  return <StepModalBody detail={detail} action={action} version={version} onClose={onClose} onReload={onReload} />;
}

function StepModalBody({
  detail,
  action,
  version,
  onClose,
  onReload,
}: {
  detail: CaseDetail;
  action: CaseStepAction;
  version: number;
  onClose: () => void;
  onReload: () => void;
}) {
  const { pick, tc } = useCasesI18n();
  const { me } = useAuth();
  const [form] = Form.useForm();
  const { submit, error, pending, fields } = useSubmitStep(detail.id, action, form);
  const initial = useMemo(
    () => initialValues(fields, { personId: me?.personId ?? null, today: today() }),
    [fields, me?.personId],
  );
  const stale = error instanceof ApiError && error.status === 409;
  return (
    <Modal
      open
      width={720}
      title={pick(ACTION_LABELS[action])}
      onCancel={onClose}
      okText={tc('ca.step.submit')}
      cancelText={tc('ca.step.cancel')}
      confirmLoading={pending}
      okButtonProps={{ id: 'step-submit' }}
      onOk={async () => {
        const out = await submit(version);
        if (out) onClose();
      }}
      destroyOnHidden
    >
      <div data-testid={`step-form-${action}`}>
        {stale ? (
          <Alert
            type="warning"
            showIcon
            data-testid="step-stale"
            title={tc('ca.step.stale')}
            action={
              <Button
                size="small"
                onClick={() => {
                  onReload();
                  onClose();
                }}
              >
                {tc('ca.step.reload')}
              </Button>
            }
            style={{ marginBottom: 12 }}
          />
        ) : error ? (
          error instanceof ApiError ? (
            <ApiErrorAlert error={error} testId="step-error" style={{ marginBottom: 12 }} />
          ) : (
            <Alert type="error" showIcon title={(error as Error).message} data-testid="step-error" />
          )
        ) : null}
        <Form form={form} layout="vertical" initialValues={initial} requiredMark>
          <StepFields action={action} evidence={detail.evidence} />
        </Form>
      </div>
    </Modal>
  );
}
