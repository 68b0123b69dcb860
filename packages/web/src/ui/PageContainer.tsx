import type { ReactNode } from 'react';
import { COLORS } from '../app/theme.ts';
import { useDocumentTitle } from '../app/title.ts';

/**
 * Page title row + content, the same on every console page. The title is the page's one h1 (drawn at the size of a
 * section heading) and, when it is text or `documentTitle` is given, the browser tab's title.
 */
export function PageContainer(props: {
  title: ReactNode;
  /** The tab's title when `title` is not plain text. */
  documentTitle?: string;
  description?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  useDocumentTitle(props.documentTitle ?? (typeof props.title === 'string' ? props.title : null));
  return (
    <div data-testid={props.testId} style={{ display: 'flex', flexDirection: 'column', gap: 12, minHeight: '100%' }}>
      <div style={{ display: 'flex', alignItems: 'flex-end', gap: 16, flexWrap: 'wrap' }}>
        <div style={{ flex: 1, minWidth: 240 }}>
          {/* Plain elements drawn like antd's Typography: its module (copy, edit, ellipsis) is not needed here. */}
          <h1 style={{ margin: 0, fontSize: 20, fontWeight: 600, lineHeight: 1.4, color: 'rgba(0, 0, 0, 0.88)' }}>
            {props.title}
          </h1>
          {props.description && <div style={{ fontSize: 13, color: COLORS.textSecondary }}>{props.description}</div>}
        </div>
        {props.extra}
      </div>
      {props.children}
    </div>
  );
}
