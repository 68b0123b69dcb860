import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Card, Descriptions, Layout, Spin, Typography } from 'antd';
import { useParams } from 'react-router';
import { QueryRoot } from '../../app/query.tsx';
import { useDocumentTitle } from '../../app/title.ts';
import { LangSwitch } from '../../ui/LangSwitch.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { useDocumentsI18n } from './messages.ts';
import { verifyQuery } from './queries.ts';

/**
 * The public verification page (`/verify/<code>`, no login; issue 11 §4): what the QR code on a paper document opens.
 * It shows the title, number, issuing subject, date and the PDF's hash — never the party or any other personal data
 * (the server's answer holds none).
 */
export default function VerifyPage() {
  return (
    <AntApp>
      <QueryRoot>
        <Verify />
      </QueryRoot>
    </AntApp>
  );
}

function Verify() {
  const { td } = useDocumentsI18n();
  const { code = '' } = useParams();
  useDocumentTitle(td('doc.verify'));
  const q = useQuery(verifyQuery(code));
  const v = q.data;
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <Layout.Header style={{ background: '#0f2548', display: 'flex', alignItems: 'center', gap: 16 }}>
        <span style={{ color: '#fff', fontSize: 17, fontWeight: 600, flex: 1 }}>{td('doc.verify')}</span>
        <LangSwitch onDark />
      </Layout.Header>
      <Layout.Content style={{ maxWidth: 720, width: '100%', margin: '24px auto', padding: '0 16px' }}>
        <main data-testid="verify-page">
          <Typography.Title level={1} style={{ fontSize: 22 }}>
            {td('doc.verify')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{td('doc.verifyIntro')}</Typography.Paragraph>
          {q.isLoading ? <Spin /> : null}
          <QueryError query={q} />
          {v ? (
            <Card data-testid="verify-result">
              <Alert
                type={v.superseded ? 'warning' : 'success'}
                showIcon
                icon={v.superseded ? <WarningOutlined /> : <CheckCircleOutlined />}
                title={v.superseded ? td('doc.verifySuperseded') : td('doc.verifyOk')}
                style={{ marginBottom: 16 }}
              />
              <Descriptions column={1} bordered size="small">
                <Descriptions.Item label={td('doc.title')}>{v.title}</Descriptions.Item>
                <Descriptions.Item label={td('doc.number')}>{v.number}</Descriptions.Item>
                <Descriptions.Item label={td('doc.issuer')}>{v.issuer}</Descriptions.Item>
                <Descriptions.Item label={td('doc.issuedOn')}>{v.issuedOn}</Descriptions.Item>
                <Descriptions.Item label={td('doc.state')}>{td(`doc.state.${v.state}`)}</Descriptions.Item>
                <Descriptions.Item label={td('doc.hash')}>
                  <code style={{ wordBreak: 'break-all' }} data-testid="verify-hash">
                    {v.sha256}
                  </code>
                </Descriptions.Item>
              </Descriptions>
            </Card>
          ) : null}
        </main>
      </Layout.Content>
    </Layout>
  );
}
