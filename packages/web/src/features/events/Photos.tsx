import { Image, Space, Typography } from 'antd';
import { useEventsI18n } from './messages.ts';
import type { EventPhoto } from './types.ts';
import { COLORS } from '../../app/theme.ts';

/** Photos of an event by kind (report / before / after), with a preview. */
export function EventPhotos({ photos, size = 88 }: { photos: EventPhoto[]; size?: number }) {
  const { te } = useEventsI18n();
  if (photos.length === 0) return <Typography.Text type="secondary">{te('ev.noPhotos')}</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Space size={8} wrap data-testid="event-photos">
        {photos.map((p) => (
          <div key={p.id} style={{ textAlign: 'center' }} data-kind={p.kind}>
            <Image
              src={p.url}
              width={size}
              height={size}
              style={{ objectFit: 'cover', borderRadius: 4, background: '#f0f0f0' }}
              alt={p.kind}
            />
            <div style={{ fontSize: 12, color: COLORS.textSecondary }}>
              {te(p.kind === 'before' ? 'ev.photoBefore' : p.kind === 'after' ? 'ev.photoAfter' : 'ev.photoReport')}
            </div>
          </div>
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
