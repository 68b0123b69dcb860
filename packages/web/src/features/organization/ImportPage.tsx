import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Result, Space, Steps, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { Navigate, useParams } from 'react-router';
import { api, ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ApiErrorAlert } from '../../ui/errors.tsx';
import { ImportErrors } from '../../ui/ImportErrors.tsx';
import { PageContainer } from '../../ui/PageContainer.tsx';

const KINDS = ['people', 'certificates'] as const;
type Kind = (typeof KINDS)[number];

type Outcome =
  | { kind: 'done'; count: number | null; dryRun: boolean }
  | { kind: 'invalid'; error: ApiError }
  | { kind: 'failed'; error: unknown };

/** The server reports how many rows it wrote; accept the usual names for that number. */
function countOf(body: unknown): number | null {
  if (!body || typeof body !== 'object') return null;
  const o = body as Record<string, unknown>;
  for (const k of ['imported', 'count', 'created', 'inserted', 'rows', 'total', 'valid']) {
    if (typeof o[k] === 'number') return o[k];
  }
  return null;
}

export default function ImportPage() {
  const { kind } = useParams();
  const { t, pick } = useI18n();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [dryRun, setDryRun] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  if (!KINDS.includes(kind as Kind)) return <Navigate to="/org/import/people" replace />;
  const k = kind as Kind;
  const base = `/api/org/import/${k}`;

  const submit = async () => {
    const f = files[0];
    const blob = (f?.originFileObj ?? f) as File | undefined;
    if (!blob) return;
    const body = new FormData();
    body.append('file', blob, f?.name);
    setBusy(true);
    setOutcome(null);
    try {
      const res = await api<unknown>(base, { method: 'POST', body, query: { dryRun: dryRun || undefined } });
      setOutcome({ kind: 'done', count: countOf(res), dryRun });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'IMPORT_INVALID') setOutcome({ kind: 'invalid', error: err });
      else setOutcome({ kind: 'failed', error: err });
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageContainer
      testId={`page-import-${k}`}
      title={t(k === 'people' ? 'menu.importPeople' : 'menu.importCertificates')}
      description={t('import.description')}
    >
      <Card size="small" styles={{ body: { padding: 20 } }}>
        <Steps
          size="small"
          style={{ marginBottom: 24, maxWidth: 720 }}
          items={[
            { title: t('import.step1'), status: files.length ? 'finish' : 'process' },
            { title: t('import.step2'), status: outcome ? 'finish' : files.length ? 'process' : 'wait' },
            {
              title: t('import.step3'),
              status: !outcome
                ? 'wait'
                : outcome.kind === 'done' && !outcome.dryRun
                  ? 'finish'
                  : outcome.kind === 'done'
                    ? 'process'
                    : 'error',
            },
          ]}
        />
        <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 720 }}>
          <div>
            <Button icon={<DownloadOutlined />} href={`${base}/template.xlsx`} download data-testid="template-link">
              {t('import.template')}
            </Button>
            <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
              {t('import.templateHint')}
            </Typography.Text>
          </div>
          <Upload.Dragger
            accept=".xlsx,.csv"
            maxCount={1}
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => {
              setFiles(fileList.slice(-1));
              setOutcome(null);
            }}
            data-testid="import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('import.drop')}</p>
            <p className="ant-upload-hint">{t('import.dropHint')}</p>
          </Upload.Dragger>
          <Space>
            <Button
              type="primary"
              icon={<UploadOutlined />}
              disabled={!files.length}
              loading={busy}
              onClick={() => void submit()}
              data-testid="import-submit"
            >
              {t(dryRun ? 'import.check' : 'import.submit')}
            </Button>
            <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>
              {t('import.dryRun')}
            </Checkbox>
          </Space>
        </Space>
        {outcome && <div style={{ marginTop: 24 }} />}
        {outcome?.kind === 'done' && (
          <Result
            status="success"
            data-testid="import-success"
            style={{ padding: '16px 0' }}
            title={
              outcome.dryRun
                ? t('import.checkedOk', { n: outcome.count ?? '—' })
                : t('import.imported', { n: outcome.count ?? '—' })
            }
            subTitle={outcome.dryRun ? t('import.dryRunHint') : undefined}
          />
        )}
        {outcome?.kind === 'invalid' && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Alert
              type="error"
              showIcon
              title={pick(outcome.error.body.message)}
              description={t('import.errorCount', { n: outcome.error.details.length })}
            />
            <ImportErrors details={outcome.error.details} />
          </Space>
        )}
        {outcome?.kind === 'failed' && <ApiErrorAlert error={outcome.error} />}
      </Card>
    </PageContainer>
  );
}
