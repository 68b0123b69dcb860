import { useId, useRef, type ReactNode } from 'react';
import './native-fields.css';

export interface SegmentedTab<T extends string> {
  value: T;
  label: ReactNode;
  testId?: string;
}

/**
 * Two or three views of one page as tabs drawn like antd's Segmented (the phone pages): WAI-ARIA tabs — Tab reaches
 * the selected one, the arrow keys move between them — in a few lines instead of antd's Segmented, which loads its
 * tooltips and, through them, antd's form library. `children` is the selected tab's panel.
 */
export function SegmentedTabs<T extends string>({
  tabs,
  value,
  onChange,
  label,
  children,
}: {
  tabs: readonly SegmentedTab<T>[];
  value: T;
  onChange: (value: T) => void;
  /** The tab list's accessible name. */
  label: string;
  children: ReactNode;
}) {
  const base = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (from: number, step: number) => {
    const next = (from + step + tabs.length) % tabs.length;
    onChange(tabs[next]!.value);
    refs.current[next]?.focus();
  };
  return (
    <>
      <div role="tablist" aria-label={label} className="oe-tabs">
        {tabs.map((t, i) => (
          <button
            key={t.value}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${t.value}`}
            aria-selected={t.value === value}
            aria-controls={`${base}-panel`}
            tabIndex={t.value === value ? 0 : -1}
            className="oe-tab"
            data-testid={t.testId}
            onClick={() => onChange(t.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight') move(i, 1);
              else if (e.key === 'ArrowLeft') move(i, -1);
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${value}`} className="oe-tab-panel">
        {children}
      </div>
    </>
  );
}
