import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import type { ApiErrorBody } from '@openenforce/domain/errors';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Progress,
  Result,
  Space,
  Switch,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, withQuery } from '../../app/api.ts';
import { ApiErrorAlert } from '../../ui/errors.tsx';
import { ImportErrors } from '../../ui/ImportErrors.tsx';
import { PageContainer } from '../../ui/PageContainer.tsx';
import { ExportLinks } from './ExportLinks.tsx';
import { useCatalogI18n } from './messages.ts';
import { useCatalogChanged } from './queries.ts';
import { CATALOG_API } from './types.ts';

interface Values {
  effectiveFrom: Dayjs;
  announcement: string;
  published: boolean;
  dryRun: boolean;
}

/** One line of the server's NDJSON progress stream. */
type Line =
  | { phase: 'validated' | 'writing'; done: number; total: number }
  // The server also sends a `done` line with done/total before the last one, which carries `imported`.
  | { phase: 'done'; imported?: number; dryRun?: boolean; done?: number; total?: number }
  | { phase: 'failed'; error: ApiErrorBody };

type Phase = 'upload' | 'validating' | 'validated' | 'writing' | 'done' | 'failed';

interface Run {
  phase: Phase;
  sent: number;
  size: number;
  done: number;
  total: number;
  started: number;
  ended: number | null;
  imported: number | null;
  dryRun: boolean;
  error: unknown;
}

function isErrorBody(x: unknown): x is ApiErrorBody {
  return !!x && typeof x === 'object' && typeof (x as { code?: unknown }).code === 'string';
}

/**
 * POSTs the file with XMLHttpRequest (fetch cannot report the bytes sent of an upload) and reads the NDJSON answer
 * as it arrives: each complete line is handed to `onLine`. Resolves when the answer ends; an error answer (422
 * IMPORT_INVALID and the like) rejects with an ApiError.
 */
function postImport(
  url: string,
  body: FormData,
  onUpload: (sent: number, size: number) => void,
  onLine: (l: Line) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let read = 0;
    const drain = (all: boolean) => {
      if (xhr.status !== 200) return;
      const text = xhr.responseText;
      const end = all ? text.length : text.lastIndexOf('\n') + 1;
      if (end <= read) return;
      for (const s of text.slice(read, end).split('\n')) if (s.trim()) onLine(JSON.parse(s) as Line);
      read = end;
    };
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/x-ndjson');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => onUpload(e.loaded, e.lengthComputable ? e.total : e.loaded);
    xhr.onprogress = () => drain(false);
    xhr.onerror = () =>
      reject(new ApiError(0, { code: 'NOT_READY', message: { zh: '网络错误', en: 'Network error' }, details: [] }));
    xhr.onload = () => {
      if (xhr.status === 200) {
        try {
          drain(true);
          resolve();
        } catch (err) {
          reject(err);
        }
        return;
      }
      let data: unknown;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = undefined;
      }
      reject(
        new ApiError(
          xhr.status,
          isErrorBody(data)
            ? { ...data, details: data.details ?? [] }
            : { code: 'INTERNAL', message: { zh: `HTTP ${xhr.status}`, en: `HTTP ${xhr.status}` }, details: [] },
        ),
      );
    };
    xhr.send(body);
  });
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** /catalog/import (administrators): the county catalog from XLSX/CSV, with upload and write progress. */
export default function CatalogImportPage() {
  const { t, tc, pick } = useCatalogI18n();
  const [form] = Form.useForm<Values>();
  const changed = useCatalogChanged();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [run, setRun] = useState<Run | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const busy = !!run && run.ended === null;
  const timer = useRef<number | null>(null);

  useEffect(() => {
    if (!busy) return;
    timer.current = window.setInterval(() => setNow(Date.now()), 100);
    return () => {
      if (timer.current !== null) window.clearInterval(timer.current);
    };
  }, [busy]);

  const submit = async (v: Values) => {
    const f = files[0];
    const blob = (f?.originFileObj ?? f) as File | undefined;
    if (!blob) return;
    const body = new FormData();
    body.append('file', blob, f?.name);
    const url = withQuery(CATALOG_API.import, {
      effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
      announcement: v.announcement.trim(),
      dryRun: String(!!v.dryRun),
      published: String(v.published !== false),
    });
    const started = Date.now();
    const update = (p: Partial<Run>) => setRun((r) => (r ? { ...r, ...p } : r));
    setRun({
      phase: 'upload',
      sent: 0,
      size: blob.size,
      done: 0,
      total: 0,
      started,
      ended: null,
      imported: null,
      dryRun: !!v.dryRun,
      error: null,
    });
    setNow(started);
    try {
      await postImport(
        url,
        body,
        (sent, size) => update(sent >= size ? { sent, size, phase: 'validating' } : { sent, size }),
        (l) => {
          if (l.phase === 'done' && l.imported === undefined) update({ done: l.done ?? 0, total: l.total ?? 0 });
          else if (l.phase === 'done') {
            update({ phase: 'done', imported: l.imported, dryRun: l.dryRun ?? !!v.dryRun, ended: Date.now() });
            if (!(l.dryRun ?? v.dryRun)) changed();
          } else if (l.phase === 'failed') update({ phase: 'failed', error: new ApiError(500, l.error) });
          else update({ phase: l.phase, done: l.done, total: l.total });
        },
      );
      setRun((r) => (r ? { ...r, ended: r.ended ?? Date.now() } : r));
    } catch (err) {
      setRun((r) => (r ? { ...r, phase: 'failed', error: err, ended: Date.now() } : r));
    }
  };

  const uploadPercent = run ? (run.size ? Math.round((run.sent / run.size) * 100) : 0) : 0;
  const processPercent = !run
    ? 0
    : run.phase === 'done'
      ? 100
      : run.total
        ? Math.floor((run.done / run.total) * 100)
        : 0;
  const elapsed = run ? (run.ended ?? now) - run.started : 0;
  const invalid = run?.error instanceof ApiError && run.error.code === 'IMPORT_INVALID' ? run.error : null;

  return (
    <PageContainer
      testId="page-catalog-import"
      title={tc('imp.title')}
      description={tc('imp.description')}
      extra={<ExportLinks />}
    >
      <Card size="small" styles={{ body: { padding: 20 } }}>
        <Form<Values>
          form={form}
          layout="vertical"
          style={{ maxWidth: 720 }}
          initialValues={{ effectiveFrom: dayjs(), published: true, dryRun: false }}
          onFinish={(v) => void submit(v)}
        >
          <div style={{ display: 'grid', gridTemplateColumns: '200px 1fr', gap: '0 16px' }}>
            <Form.Item name="effectiveFrom" label={tc('imp.effectiveFrom')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} data-testid="import-effective-from" />
            </Form.Item>
            <Form.Item
              name="announcement"
              label={tc('imp.announcement')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={200} data-testid="import-announcement" />
            </Form.Item>
          </div>
          <Form.Item label={tc('imp.file')} required>
            <Upload.Dragger
              accept=".xlsx,.csv"
              maxCount={1}
              fileList={files}
              beforeUpload={() => false}
              onChange={({ fileList }) => {
                setFiles(fileList.slice(-1));
                if (!busy) setRun(null);
              }}
              data-testid="import-file"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('import.drop')}</p>
              <p className="ant-upload-hint">{t('import.dropHint')}</p>
            </Upload.Dragger>
          </Form.Item>
          <Space size={24} wrap>
            <Form.Item name="published" label={tc('imp.published')} valuePropName="checked" style={{ marginBottom: 0 }}>
              <Switch data-testid="import-published" />
            </Form.Item>
            <Form.Item name="dryRun" valuePropName="checked" style={{ marginBottom: 0, paddingTop: 30 }}>
              <Checkbox data-testid="import-dry-run">{t('import.dryRun')}</Checkbox>
            </Form.Item>
          </Space>
          <div style={{ marginTop: 16 }}>
            <Form.Item noStyle shouldUpdate>
              {() => (
                <Button
                  type="primary"
                  htmlType="submit"
                  icon={<UploadOutlined />}
                  disabled={!files.length}
                  loading={busy}
                  data-testid="import-submit"
                >
                  {t(form.getFieldValue('dryRun') ? 'import.check' : 'import.submit')}
                </Button>
              )}
            </Form.Item>
          </div>
        </Form>

        {run && (
          <div style={{ marginTop: 24, maxWidth: 720 }} data-testid="import-progress-panel">
            <Typography.Text type="secondary">{tc('imp.upload')}</Typography.Text>
            <Progress
              percent={uploadPercent}
              status={run.phase === 'failed' && uploadPercent < 100 ? 'exception' : undefined}
              data-testid="upload-progress"
            />
            <Typography.Text type="secondary">
              {tc('imp.process')} · {tc(`imp.phase.${run.phase}`)}
              {run.total > 0 && ` · ${tc('imp.rows', { done: run.done, total: run.total })}`}
            </Typography.Text>
            <Progress
              percent={processPercent}
              status={run.phase === 'failed' ? 'exception' : run.phase === 'done' ? 'success' : 'active'}
              data-testid="import-progress"
              data-phase={run.phase}
            />
            <Typography.Text data-testid="import-elapsed" data-ms={elapsed}>
              {tc('imp.elapsed', { s: seconds(elapsed) })}
            </Typography.Text>
          </div>
        )}

        {run?.phase === 'done' && (
          <Result
            status="success"
            data-testid="import-success"
            data-count={run.imported ?? undefined}
            style={{ padding: '16px 0' }}
            title={
              run.dryRun
                ? t('import.checkedOk', { n: run.imported ?? '—' })
                : t('import.imported', { n: run.imported ?? '—' })
            }
            subTitle={run.dryRun ? t('import.dryRunHint') : tc('imp.elapsed', { s: seconds(elapsed) })}
            extra={
              !run.dryRun && (
                <Link to="/catalog" data-testid="open-catalog">
                  {tc('imp.openCatalog')}
                </Link>
              )
            }
          />
        )}
        {invalid && (
          <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }}>
            <Alert
              type="error"
              showIcon
              title={pick(invalid.body.message)}
              description={t('import.errorCount', { n: invalid.details.length })}
            />
            <ImportErrors details={invalid.details} />
          </Space>
        )}
        {run?.phase === 'failed' && !invalid && <ApiErrorAlert error={run.error} style={{ marginTop: 16 }} />}
      </Card>
    </PageContainer>
  );
}
