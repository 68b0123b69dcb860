import { useEffect } from 'react';

const APP_TITLE = 'OpenEnforce 综合行政执法平台';

/**
 * The browser tab's title for this page: "<page> · OpenEnforce 综合行政执法平台" (WCAG 2.4.2: each page has its own
 * title). Called by the shells every page renders in (PageContainer, PhoneLayout, the portal) and by pages outside
 * them; the innermost call wins because it runs last on a change of its `title`.
 */
export function useDocumentTitle(title: string | null | undefined): void {
  useEffect(() => {
    if (!title) return;
    document.title = `${title} · ${APP_TITLE}`;
  }, [title]);
}
