import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Modal, type FormInstance } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { api, ApiError } from '../app/api.ts';
import { useI18n, type MessageKey } from '../app/i18n.tsx';
import { detailQuery } from '../app/query.tsx';
import { ApiErrorAlert } from './errors.tsx';
import { clearFieldErrors, issueText, pathOf, placeIssues, useApplyServerErrors } from './formErrors.ts';

/** The part of a zod schema the form needs (kept structural so the web app does not depend on zod directly). */
export interface Validator {
  safeParse(
    data: unknown,
  ):
    | { success: true }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string; code?: string }[] } };
}

export type FormMode = 'create' | 'edit';

export interface Versioned {
  id: string;
  version: number;
}

/**
 * How one kind of record is edited. Form field names equal the API body keys, so that errors from the shared zod
 * schema and from the server (`details[].path`) land on the right field.
 */
export interface EntityFormConfig<T extends Versioned, V extends object> {
  /** Noun for the title: 新建{noun} / 编辑{noun}. */
  noun: MessageKey;
  /** The form items. */
  fields: (ctx: { mode: FormMode; record: T | null; form: FormInstance<V> }) => ReactNode;
  /** Form values of an existing record (edit). */
  toValues: (record: T) => V;
  /** Initial values of a new record; omit `allowCreate` to hide the create button. */
  defaults?: Partial<V>;
  allowCreate?: boolean;
  /** API body from form values (without `version`). */
  toBody: (values: V, mode: FormMode) => Record<string, unknown>;
  createSchema?: Validator;
  patchSchema?: Validator;
  width?: number;
  /**
   * Fields of this record that arrived masked (e.g. 138****5678): sent on edit only if the user typed a new value.
   * Every other field is always sent.
   */
  maskedFields?: (record: T) => string[];
  /** Side effects after a successful save (e.g. dropping a cache). */
  afterSave?: (saved: T | null) => void;
}

interface Props<T extends Versioned, V extends object> {
  endpoint: string;
  config: EntityFormConfig<T, V>;
  mode: FormMode;
  record: T | null;
  /** Create only: values on top of `config.defaults` (e.g. a parent chosen elsewhere on the page). */
  initialValues?: Partial<V>;
  open: boolean;
  onClose: () => void;
  onSaved: (saved: T | null) => void;
  /** The record changed on the server while the modal stays open (stale version reloaded). */
  onChanged: () => void;
}

const changed = (a: unknown, b: unknown) => JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);

/**
 * Create or edit one record. Edits send the form plus `version` (see `maskedFields`); a stale version (409)
 * shows the server's message and reloads the record so the user can redo the change on fresh data.
 */
export function EntityFormModal<T extends Versioned, V extends object>(props: Props<T, V>) {
  const { endpoint, config, mode, open, onClose, onSaved, onChanged } = props;
  const i18n = useI18n();
  const { t, pick } = i18n;
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [record, setRecord] = useState<T | null>(props.record);
  const [error, setError] = useState<unknown>(null);
  const [stale, setStale] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const queryClient = useQueryClient();
  const applyServerErrors = useApplyServerErrors();

  useEffect(() => {
    if (!open) return;
    setRecord(props.record);
    setError(null);
    setStale(null);
    form.resetFields();
    form.setFieldsValue(
      (props.record ? config.toValues(props.record) : { ...config.defaults, ...props.initialValues }) as never,
    );
  }, [open, props.record, props.initialValues]);

  const submit = async () => {
    let values: V;
    clearFieldErrors(form);
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    let body = config.toBody(values, mode);
    if (mode === 'edit' && record) {
      const before = config.toBody(config.toValues(record), mode);
      const dirty = Object.keys(body).filter((k) => changed(body[k], before[k]));
      if (dirty.length === 0) {
        message.info(t('form.nothingChanged'));
        onClose();
        return;
      }
      // The whole form goes back (the version guards against lost updates), except fields that must not be sent
      // unless retyped: masked personal data would otherwise overwrite the real value.
      const keep = new Set(config.maskedFields?.(record) ?? []);
      body = Object.fromEntries(Object.entries(body).filter(([k]) => !keep.has(k) || dirty.includes(k)));
      body.version = record.version;
    }
    const schema = mode === 'create' ? config.createSchema : config.patchSchema;
    const parsed = schema?.safeParse(body);
    if (parsed && !parsed.success) {
      const rest = placeIssues(
        form,
        parsed.error.issues.map((i) => ({ path: pathOf(i.path), text: issueText(pick, i) })),
      );
      if (rest.length) setError(new Error(rest.join('；')));
      return;
    }
    setSaving(true);
    try {
      const saved =
        mode === 'create'
          ? await api<T>(endpoint, { method: 'POST', body })
          : await api<T>(`${endpoint}/${encodeURIComponent(record!.id)}`, { method: 'PATCH', body });
      message.success(t(mode === 'create' ? 'form.created' : 'form.saved'));
      config.afterSave?.(saved ?? null);
      onSaved(saved ?? null);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT_STALE_VERSION' && record) {
        setStale(i18n.pick(err.body.message));
        await reloadRecord(record.id);
      } else if (!applyServerErrors(form, err)) setError(err);
    } finally {
      setSaving(false);
    }
  };

  const reloadRecord = async (id: string) => {
    try {
      const fresh = await queryClient.fetchQuery({ ...detailQuery<T>(endpoint, id), staleTime: 0 });
      setRecord(fresh);
      form.resetFields();
      form.setFieldsValue(config.toValues(fresh) as never);
      onChanged();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Modal
      open={open}
      title={t(mode === 'create' ? 'form.createTitle' : 'form.editTitle', { noun: t(config.noun) })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      width={config.width ?? 640}
      destroyOnHidden
      forceRender
      mask={{ closable: false }}
    >
      {stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={stale}
          description={t('form.staleReloaded')}
          data-testid="stale-version"
        />
      )}
      <ApiErrorAlert error={error} style={{ marginBottom: 16 }} />
      <Form<V> form={form} layout="vertical" requiredMark="optional" style={{ marginTop: 8 }}>
        {config.fields({ mode, record, form })}
      </Form>
    </Modal>
  );
}
