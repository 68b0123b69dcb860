import { ArrowLeftOutlined } from '@ant-design/icons';
import type { CaseStepAction } from '@openenforce/domain/cases';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Row, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageContainer } from '../../ui/PageContainer.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import {
  ClocksCard,
  ColourTag,
  DocumentsSlot,
  EvidenceCard,
  NextStepsPanel,
  StateTag,
  TimelineCard,
} from './CasePanels.tsx';
import { valueLabel } from './labels.ts';
import { useCasesI18n } from './messages.ts';
import { caseActionsQuery, caseQuery } from './queries.ts';
import { StepModal } from './StepForm.tsx';
import './cases.css';

const yuan = (fen: number | null) => (fen === null ? '—' : `¥${(fen / 100).toFixed(2)}`);

/** The jurisdiction engine's explanation as the case stored it at filing (its rule id and words). */
function jurisdictionText(j: unknown, pick: (b: { zh: string; en: string }) => string): string | null {
  if (!j || typeof j !== 'object') return null;
  const o = j as { ruleId?: string; explanation?: { zh: string; en: string } };
  if (!o.explanation) return o.ruleId ?? null;
  return `${o.ruleId ? `${o.ruleId}：` : ''}${pick(o.explanation)}`;
}

/**
 * 案件详情 (issue 10 §11): the header (number, party as the API shows it to this user, matter and version, the
 * enforcement subject and why), the running clocks, the timeline, the evidence, the documents, and the next steps.
 */
export default function CaseDetailPage() {
  const { id = '' } = useParams();
  const { tc, pick } = useCasesI18n();
  const detail = useQuery(caseQuery(id));
  const actions = useQuery(caseActionsQuery(id));
  const [action, setAction] = useState<CaseStepAction | null>(null);
  const d = detail.data;
  const reload = () => {
    void detail.refetch();
    void actions.refetch();
  };

  return (
    <PageContainer
      testId="case-detail-page"
      title={d ? tc('ca.detail.title', { number: d.number }) : tc('ca.list.title')}
      extra={
        <Link to="/cases">
          <Button icon={<ArrowLeftOutlined />}>{tc('ca.detail.back')}</Button>
        </Link>
      }
    >
      <QueryError queries={[detail, actions]} />
      {!d && detail.isPending && <Spin />}
      {d && (
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={16}>
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              <Card
                size="small"
                title={<h2 className="oe-case-h2">{tc('ca.detail.header')}</h2>}
                extra={
                  <Space>
                    <StateTag status={d.status} />
                    <ColourTag colour={d.colour} />
                  </Space>
                }
                data-testid="case-header"
                data-number={d.number}
                data-version={d.version}
              >
                <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
                  <Descriptions.Item label={tc('ca.detail.matter')}>
                    {d.matterName ?? '—'}
                    {d.matterVersion !== null && ` · ${tc('ca.detail.matterVersion', { n: d.matterVersion })}`}
                  </Descriptions.Item>
                  <Descriptions.Item label={tc('ca.detail.procedure')}>
                    {d.procedure ? valueLabel(pick, d.procedure) : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={tc('ca.detail.subject')}>{d.subjectName ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={tc('ca.detail.team')}>{d.teamName ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={tc('ca.detail.jurisdiction')} span={2}>
                    <span data-testid="case-jurisdiction">{jurisdictionText(d.jurisdiction, pick) ?? '—'}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={tc('ca.detail.party')}>
                    <span data-testid="case-party">
                      {d.party ? `${d.party.name}（${valueLabel(pick, d.party.kind)}）` : '—'}
                    </span>
                  </Descriptions.Item>
                  <Descriptions.Item label={tc('ca.detail.partyId')}>{d.party?.idNumber ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={tc('ca.detail.actDate')}>
                    {d.act.date}
                    {d.act.endDate ? ` – ${d.act.endDate}` : ''}
                  </Descriptions.Item>
                  <Descriptions.Item label={tc('ca.detail.discoveredOn')}>{d.act.discoveredOn}</Descriptions.Item>
                  <Descriptions.Item label={tc('ca.detail.place')}>{d.act.place ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={tc('ca.detail.source')}>
                    {valueLabel(pick, d.source)}
                    {d.sourceRef ? ` · ${d.sourceRef}` : ''}
                  </Descriptions.Item>
                  <Descriptions.Item label={tc('ca.detail.fines')} span={2}>
                    {`${yuan(d.fineProposedFen)} / ${yuan(d.fineNotifiedFen)} / ${yuan(d.fineDecidedFen)}`}
                  </Descriptions.Item>
                  <Descriptions.Item label={tc('ca.detail.summary')} span={2}>
                    <Typography.Paragraph style={{ margin: 0 }}>{d.summary}</Typography.Paragraph>
                  </Descriptions.Item>
                </Descriptions>
              </Card>
              <ClocksCard clocks={d.clocks} />
              <EvidenceCard detail={d} />
              <DocumentsSlot />
            </Space>
          </Col>
          <Col xs={24} xl={8}>
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              <NextStepsPanel actions={actions.data} onStep={setAction} />
              <TimelineCard detail={d} />
            </Space>
          </Col>
        </Row>
      )}
      {d && (
        <StepModal
          detail={d}
          action={action}
          version={actions.data?.version ?? d.version}
          onClose={() => setAction(null)}
          onReload={reload}
        />
      )}
    </PageContainer>
  );
}
