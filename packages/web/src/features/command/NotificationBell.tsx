import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, List, Popover, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../app/api.ts';
import { useEventsI18n } from '../events/messages.ts';
import { useEventFeed } from '../events/stream.ts';
import type { FeedNotification } from '../events/types.ts';

const LEVEL_COLORS = { info: 'blue', yellow: 'gold', red: 'red' } as const;

function unwrap(body: unknown): FeedNotification[] {
  if (Array.isArray(body)) return body as FeedNotification[];
  if (body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items))
    return (body as { items: FeedNotification[] }).items;
  return [];
}

/** Unread notifications (GET /api/notifications?unread=true), kept current by the live feed. */
export function NotificationBell({ onOpenEvent }: { onOpenEvent: (id: string) => void }) {
  const { te, pick } = useEventsI18n();
  const [items, setItems] = useState<FeedNotification[]>([]);
  /** The server's count of unread notifications (the list holds the newest 50 only). */
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);

  const load = useCallback(() => {
    api<unknown>('/api/notifications', { query: { unread: true } })
      .then((b) => {
        setItems(unwrap(b));
        const n = (b as { unread?: unknown } | null)?.unread;
        setUnread(typeof n === 'number' ? n : 0);
      })
      .catch(() => undefined);
  }, []);
  useEffect(load, [load]);
  useEventFeed({
    onNotification: (n) => {
      setItems((cur) => (cur.some((c) => c.id === n.id) ? cur : [n, ...cur].slice(0, 100)));
      setUnread((u) => u + 1);
    },
  });

  const read = (n: FeedNotification) => {
    setItems((cur) => cur.filter((c) => c.id !== n.id));
    setUnread((u) => Math.max(0, u - 1));
    void api(`/api/notifications/${n.id}/read`, { method: 'POST' }).catch(() => undefined);
  };

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={te('ev.notifications')}
      content={
        <div style={{ width: 360, maxHeight: 420, overflow: 'auto' }} data-testid="notification-list">
          {items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={te('ev.noNotifications')} />
          ) : (
            <List
              size="small"
              dataSource={items}
              renderItem={(n) => (
                <List.Item
                  style={{ cursor: 'pointer' }}
                  onClick={() => {
                    read(n);
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
      <Badge count={Math.max(unread, items.length)} size="small" overflowCount={99}>
        <Button icon={<BellOutlined />} data-testid="notification-bell" aria-label={te('ev.notifications')} />
      </Badge>
    </Popover>
  );
}
