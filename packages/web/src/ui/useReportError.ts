import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../app/api.ts';
import { useI18n } from '../app/i18n.tsx';
import { detailText, errorMessage } from './errors.tsx';

// Apart from errors.tsx: antd's App (notifications, modals) is needed only here, and every page shows errors.
/** A toast for errors of actions that have no form to show them in. */
export function useReportError(): (err: unknown) => void {
  const i18n = useI18n();
  const { notification } = App.useApp();
  return useCallback(
    (err: unknown) => {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      const details = err instanceof ApiError ? err.details : [];
      notification.error({
        title: errorMessage(i18n, err),
        description: details.length
          ? details
              .slice(0, 5)
              .map((d) => detailText(i18n, d))
              .join('；')
          : undefined,
        placement: 'topRight',
      });
    },
    [i18n, notification],
  );
}
