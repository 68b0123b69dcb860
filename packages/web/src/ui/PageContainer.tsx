import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** Page title row + content, the same on every console page. */
export function PageContainer(props: {
  title: ReactNode;
  description?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div data-testid={props.testId} style={{ display: 'flex', flexDirection: 'column', gap: 12, minHeight: '100%' }}>
      <div style={{ display: 'flex', alignItems: 'flex-end', gap: 16, flexWrap: 'wrap' }}>
        <div style={{ flex: 1, minWidth: 240 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {props.title}
          </Typography.Title>
          {props.description && (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {props.description}
            </Typography.Text>
          )}
        </div>
        {props.extra}
      </div>
      {props.children}
    </div>
  );
}
