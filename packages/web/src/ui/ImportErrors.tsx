import type { ErrorDetail } from '@openenforce/domain/errors';
import { Table } from 'antd';
import { useI18n, type I18n } from '../app/i18n.tsx';
import { ruleText } from './errors.tsx';

/**
 * A detail in the words the server sent; a value the words do not show (`town_unknown:甲镇、乙镇` worded without
 * it) is appended to them.
 */
function detailWords(pick: I18n['pick'], d: ErrorDetail): string {
  const text = d.message ? pick(d.message) : ruleText(pick, d.rule);
  const colon = d.rule.indexOf(':');
  const value = colon > 0 ? d.rule.slice(colon + 1) : '';
  return value && !text.includes(value) ? `${text}：${value}` : text;
}

/** The errors of an import (IMPORT_INVALID) as a table by row, column and rule. */
export function ImportErrors({ details }: { details: ErrorDetail[] }) {
  const { t, pick } = useI18n();
  const rows = [...details].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)).map((d, i) => ({ key: i, ...d }));
  return (
    <Table
      size="small"
      bordered
      data-testid="import-errors"
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
      columns={[
        { title: t('import.row'), dataIndex: 'row', width: 80, render: (v: number | undefined) => v ?? '—' },
        {
          title: t('import.column'),
          dataIndex: 'column',
          width: 160,
          render: (v: string | undefined, r) => v ?? r.path,
        },
        { title: t('import.problem'), dataIndex: 'rule', render: (_: string, d) => detailWords(pick, d) },
      ]}
    />
  );
}
