import { DownloadOutlined, EyeOutlined, RedoOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { DocumentView } from '@openenforce/domain/documents';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Space, Table, Tag } from 'antd';
import { api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { useReportError } from '../../ui/useReportError.ts';
import { useDocumentsI18n } from './messages.ts';
import { DOCUMENTS_API, fileUrl, subjectDocumentsQuery } from './queries.ts';

const STATE_COLORS: Record<DocumentView['state'], string> = {
  draft: 'default',
  issued: 'blue',
  served: 'green',
  superseded: 'orange',
};

/**
 * The documents of one subject (a case, an inspection, an event) with their state — draft, issued, served,
 * superseded — and what may be done with each: preview and download the PDF, download the DOCX, issue a draft,
 * reissue an issued one (a new number; the old one is kept, marked superseded). The screens of a context mount it
 * with their subject: `<DocumentsPanel subjectType="case" subjectId={id} />`.
 */
export function DocumentsPanel({ subjectType, subjectId }: { subjectType: string; subjectId: string }) {
  const { td } = useDocumentsI18n();
  const { can } = useAuth();
  const { modal, message } = App.useApp();
  const reportError = useReportError();
  const queryClient = useQueryClient();
  const list = useQuery(subjectDocumentsQuery(subjectType, subjectId));

  const act = (d: DocumentView, action: 'issue' | 'reissue') =>
    modal.confirm({
      title: td(action === 'issue' ? 'doc.confirmIssue' : 'doc.confirmReissue', { title: d.title }),
      onOk: async () => {
        try {
          const r = await api<{ number: string }>(`${DOCUMENTS_API}/${d.id}/${action}`, {
            method: 'POST',
            body: action === 'reissue' ? {} : undefined,
          });
          message.success(td('doc.issued', { number: r.number }));
        } catch (err) {
          reportError(err);
        } finally {
          await queryClient.invalidateQueries({ queryKey: [DOCUMENTS_API] });
        }
      },
    });

  return (
    <Card size="small" title={td('doc.documents')} data-testid="documents-panel">
      <QueryError query={list} />
      <Table<DocumentView>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: td('doc.none') }}
        columns={[
          { title: td('doc.title'), dataIndex: 'title' },
          { title: td('doc.number'), dataIndex: 'number', render: (n: string | null) => n ?? '—' },
          {
            title: td('doc.state'),
            dataIndex: 'state',
            render: (s: DocumentView['state']) => <Tag color={STATE_COLORS[s]}>{td(`doc.state.${s}`)}</Tag>,
          },
          {
            title: td('doc.actions'),
            render: (_, d) => (
              <Space wrap size={4}>
                <Button
                  size="small"
                  icon={<EyeOutlined />}
                  href={fileUrl(d.id, 'pdf')}
                  target="_blank"
                  aria-label={`${td('doc.open')} ${d.title}`}
                >
                  {td('doc.open')}
                </Button>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  href={fileUrl(d.id, 'pdf')}
                  download
                  aria-label={`${td('doc.pdf')} ${d.title}`}
                >
                  {td('doc.pdf')}
                </Button>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  href={fileUrl(d.id, 'docx')}
                  download
                  aria-label={`${td('doc.docx')} ${d.title}`}
                >
                  {td('doc.docx')}
                </Button>
                {d.state === 'draft' && can('document.issue') ? (
                  <Button
                    size="small"
                    type="primary"
                    icon={<SafetyCertificateOutlined />}
                    onClick={() => act(d, 'issue')}
                  >
                    {td('doc.issue')}
                  </Button>
                ) : null}
                {(d.state === 'issued' || d.state === 'served') && can('document.issue') ? (
                  <Button size="small" icon={<RedoOutlined />} onClick={() => act(d, 'reissue')}>
                    {td('doc.reissue')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
