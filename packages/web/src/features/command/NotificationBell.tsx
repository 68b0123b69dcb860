import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { QueryError } from '../../ui/QueryError.tsx';
import { useReportError } from '../../ui/useReportError.ts';
import { readNotification } from '../events/api.ts';
import { useEventsI18n } from '../events/messages.ts';
import { notificationsQuery } from '../events/queries.ts';
import type { FeedNotification } from '../events/types.ts';

const LEVEL_COLORS = { info: 'blue', yellow: 'gold', red: 'red' } as const;

/**
 * Unread notifications (GET /api/notifications?unread=true), invalidated by the live feed's notifications (the
 * page's `useLiveEvents`). Opening one marks it read: it leaves the list at once; a failed mark is reported and
 * the list read again.
 */
export function NotificationBell({ onOpenEvent }: { onOpenEvent: (id: string) => void }) {
  const { te, pick } = useEventsI18n();
  const queryClient = useQueryClient();
  const reportError = useReportError();
  const [open, setOpen] = useState(false);
  const query = useQuery(notificationsQuery);
  const items = query.data?.items ?? [];
  /** The server's count of unread notifications (the list holds the newest 50 only). */
  const unread = query.data?.unread ?? 0;

  const markRead = useMutation({
    mutationFn: (n: FeedNotification) => readNotification(n.id),
    onMutate: (n) => {
      queryClient.setQueryData(notificationsQuery.queryKey, (cur) =>
        cur
          ? { ...cur, items: cur.items.filter((c) => c.id !== n.id), unread: Math.max(0, (cur.unread ?? 1) - 1) }
          : cur,
      );
    },
    onError: reportError,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: notificationsQuery.queryKey }),
  });

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={te('ev.notifications')}
      content={
        <div style={{ width: 360, maxHeight: 420, overflow: 'auto' }} data-testid="notification-list">
          <QueryError query={query} compact />
          {query.isError ? null : items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={te('ev.noNotifications')} />
          ) : (
            <List
              size="small"
              dataSource={items}
              renderItem={(n) => (
                <List.Item
                  style={{ cursor: 'pointer' }}
                  onClick={() => {
                    markRead.mutate(n);
                    setOpen(false);
                    if (n.subject?.type === 'event') onOpenEvent(n.subject.id);
                  }}
                >
                  <div>
                    <Tag color={LEVEL_COLORS[n.level] ?? 'blue'}>{te(`ev.level.${n.level}`)}</Tag>
                    {pick(n.title)}
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {dayjs(n.createdAt).format('MM-DD HH:mm')}
                      </Typography.Text>
                    </div>
                  </div>
                </List.Item>
              )}
            />
          )}
        </div>
      }
    >
      <Badge count={query.isError ? '!' : Math.max(unread, items.length)} size="small" overflowCount={99}>
        <Button icon={<BellOutlined />} data-testid="notification-bell" aria-label={te('ev.notifications')} />
      </Badge>
    </Popover>
  );
}
