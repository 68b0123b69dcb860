import { EditOutlined, SaveOutlined } from '@ant-design/icons';
import { generatedSample, type TemplateBody } from '@openenforce/domain/documents';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, apiBlob } from '../../app/api.ts';
import { ApiErrorAlert } from '../../ui/errors.tsx';
import { PageContainer } from '../../ui/PageContainer.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { useReportError } from '../../ui/useReportError.ts';
import { useDocumentsI18n } from './messages.ts';
import { TEMPLATES_API, templateQuery, templatesQuery, type TemplateListItem } from './queries.ts';

const PREVIEW_DELAY_MS = 700;
const ISSUER = '温岭市综合行政执法局';

function parseJson(text: string): { value: unknown; error: string | null } {
  try {
    return { value: JSON.parse(text), error: null };
  } catch (e) {
    return { value: null, error: (e as Error).message };
  }
}

/**
 * The administrators' template editor (issue 11 §3, §9): the shipped and saved templates, each opened as JSON
 * (blocks with `{{field}}` placeholders and the fields they use) beside sample data made from its fields, with a
 * live PDF preview rendered by the server (POST /api/document-templates/preview → a blob: URL in a frame). Saving
 * makes a new version; the server refuses a template naming an unknown field, and the refusal names it.
 */
export default function TemplatesPage() {
  const { td } = useDocumentsI18n();
  const list = useQuery(templatesQuery);
  const [kind, setKind] = useState<string | null>(null);
  return (
    <PageContainer title={td('doc.templates')} description={td('doc.templatesDescription')} testId="page-templates">
      <QueryError query={list} />
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(280px, 360px) 1fr', gap: 12, alignItems: 'start' }}>
        <Card size="small">
          <Table<TemplateListItem>
            data-testid="template-list"
            size="small"
            rowKey="kind"
            loading={list.isLoading}
            dataSource={list.data?.items ?? []}
            pagination={false}
            rowClassName={(r) => (r.kind === kind ? 'ant-table-row-selected' : '')}
            columns={[
              { title: td('doc.title'), dataIndex: 'title' },
              { title: td('doc.version'), dataIndex: 'version', width: 64 },
              {
                title: td('doc.edit'),
                width: 64,
                render: (_, r) => (
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    aria-label={`${td('doc.edit')} ${r.title}`}
                    data-testid={`edit-${r.kind}`}
                    onClick={() => setKind(r.kind)}
                  />
                ),
              },
            ]}
          />
        </Card>
        {kind ? <TemplateEditor key={kind} kind={kind} /> : null}
      </div>
    </PageContainer>
  );
}

function TemplateEditor({ kind }: { kind: string }) {
  const { td } = useDocumentsI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const queryClient = useQueryClient();
  const current = useQuery(templateQuery(kind));
  const [bodyText, setBodyText] = useState<string | null>(null);
  const [sampleText, setSampleText] = useState<string | null>(null);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // Open the current version, with sample data made from its fields.
  useEffect(() => {
    if (!current.data || bodyText !== null) return;
    setBodyText(JSON.stringify(current.data.body, null, 2));
    setSampleText(JSON.stringify(generatedSample(current.data.body), null, 2));
  }, [current.data, bodyText]);

  const body = parseJson(bodyText ?? 'null');
  const sample = parseJson(sampleText ?? 'null');
  const jsonError = body.error ?? sample.error;

  // The live preview: re-rendered a moment after the last keystroke; a stale answer is dropped.
  useEffect(() => {
    if (bodyText === null || jsonError) return;
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      setBusy(true);
      apiBlob(`${TEMPLATES_API}/preview`, {
        method: 'POST',
        body: { kind, body: body.value, data: sample.value, issuerName: ISSUER, format: 'pdf' },
        signal: ctl.signal,
      })
        .then((blob) => {
          setPreviewError(null);
          setPreviewUrl((old) => {
            if (old) URL.revokeObjectURL(old);
            return URL.createObjectURL(blob);
          });
        })
        .catch((err: unknown) => {
          if ((err as Error).name !== 'AbortError') setPreviewError(err);
        })
        .finally(() => setBusy(false));
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
    // The texts are what changes; the parsed values follow them.
  }, [bodyText, sampleText, kind]);

  useEffect(() => () => void (previewUrl && URL.revokeObjectURL(previewUrl)), [previewUrl]);

  const save = async () => {
    setSaveError(null);
    try {
      const saved = await api<{ version: number }>(`${TEMPLATES_API}/${kind}/versions`, {
        method: 'POST',
        body: { body: body.value as TemplateBody },
      });
      message.success(td('doc.saved', { version: saved.version }));
      await queryClient.invalidateQueries({ queryKey: [TEMPLATES_API] });
    } catch (err) {
      setSaveError(err);
      if (!(err as { status?: number }).status) reportError(err);
    }
  };

  return (
    <Card
      size="small"
      title={current.data ? `${current.data.body.title}（${kind}）v${current.data.version}` : kind}
      data-testid="template-editor"
      extra={
        <Button
          type="primary"
          icon={<SaveOutlined />}
          disabled={!!jsonError || bodyText === null}
          onClick={() => void save()}
          data-testid="template-save"
        >
          {td('doc.save')}
        </Button>
      }
    >
      <QueryError query={current} />
      {saveError ? <ApiErrorAlert error={saveError} testId="template-save-error" style={{ marginBottom: 8 }} /> : null}
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <label htmlFor="template-body">
            <Typography.Text strong>{td('doc.body')}</Typography.Text>
          </label>
          <Input.TextArea
            id="template-body"
            data-testid="template-body"
            value={bodyText ?? ''}
            onChange={(e) => setBodyText(e.target.value)}
            autoSize={{ minRows: 16, maxRows: 28 }}
            spellCheck={false}
            style={{ fontFamily: 'monospace', fontSize: 12 }}
          />
          <label htmlFor="template-sample">
            <Typography.Text strong>{td('doc.sample')}</Typography.Text>
          </label>
          <Input.TextArea
            id="template-sample"
            data-testid="template-sample"
            value={sampleText ?? ''}
            onChange={(e) => setSampleText(e.target.value)}
            autoSize={{ minRows: 6, maxRows: 14 }}
            spellCheck={false}
            style={{ fontFamily: 'monospace', fontSize: 12 }}
          />
          {jsonError ? (
            <Typography.Text type="danger" role="alert">
              {td('doc.badJson', { message: jsonError })}
            </Typography.Text>
          ) : null}
        </Space>
        <div>
          <Typography.Text type="secondary" aria-live="polite" data-testid="preview-status">
            {busy ? td('doc.previewing') : td('doc.preview')}
          </Typography.Text>
          {previewError ? (
            <ApiErrorAlert error={previewError} testId="preview-error" style={{ margin: '8px 0' }} />
          ) : null}
          {previewUrl ? (
            <iframe
              title={td('doc.previewFrame')}
              src={previewUrl}
              data-testid="template-preview"
              style={{ width: '100%', height: 720, border: '1px solid #d9d9d9', marginTop: 8 }}
            />
          ) : null}
        </div>
      </div>
    </Card>
  );
}
