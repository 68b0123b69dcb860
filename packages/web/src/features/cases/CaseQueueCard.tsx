import { CASE_STATE_LABELS } from '@openenforce/domain/cases';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { QueryError } from '../../ui/QueryError.tsx';
import { useCasesI18n, type CasesKey } from './messages.ts';
import { caseListQuery } from './queries.ts';

/**
 * A persona home's case queue (the leader's approvals, the reviewer's legal reviews, the officer's own cases): the
 * first 10, each opening the case, and a link to the whole queue on the case list.
 */
export function CaseQueueCard({ queue, title }: { queue: 'approve' | 'review' | 'mine'; title: CasesKey }) {
  const { tc, pick } = useCasesI18n();
  const list = useQuery(caseListQuery({ queue, limit: 10 }));
  return (
    <Card
      size="small"
      title={tc(title)}
      data-testid={`home-cases-${queue}`}
      extra={<Link to={`/cases?queue=${queue}`}>{tc('ca.home.all')}</Link>}
    >
      <QueryError query={list} />
      <List
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={tc('ca.home.empty')} /> }}
        renderItem={(c) => (
          <List.Item extra={<Tag>{pick(CASE_STATE_LABELS[c.status])}</Tag>}>
            <div style={{ minWidth: 0 }}>
              <Link to={`/cases/${c.id}`} data-testid="home-case-row" data-case-id={c.id}>
                {c.number}
              </Link>
              <div>
                <Typography.Text type="secondary">
                  {[c.matterName, c.partyName, c.teamName].filter(Boolean).join(' · ')}
                </Typography.Text>
              </div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
