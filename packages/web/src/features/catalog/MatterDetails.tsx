import type { LegalReference, PublicMatterVersion } from '@openenforce/domain/catalog';
import { Card, Descriptions, Typography } from 'antd';
import type { ReactNode } from 'react';
import { domainLabel } from '../organization/labels.tsx';
import { FLAG_NAMES, FlagTags, kindLabel, ListTypeTag, StatusTag } from './labels.tsx';
import { useCatalogI18n } from './messages.ts';

function Basis({ basis, title, testId }: { basis: LegalReference | null; title: string; testId: string }) {
  const { tc } = useCatalogI18n();
  return (
    <Card size="small" title={title} data-testid={testId}>
      {basis ? (
        <>
          <Typography.Text strong>
            {basis.law}
            {basis.article}
          </Typography.Text>
          {basis.text && (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '8px 0 0' }}>
              {basis.text}
            </Typography.Paragraph>
          )}
        </>
      ) : (
        <Typography.Text type="secondary">{tc('matter.noPenaltyBasis')}</Typography.Text>
      )}
    </Card>
  );
}

/**
 * A matter version's fields (console and portal): identity, list type and transfer, source department, the legal
 * and penalty basis with their texts. `children` go between the basis and the end (town powers, discretion).
 */
export function MatterDetails({
  matter,
  publicView = false,
  children,
}: {
  /** A console version or the portal's (without internal routing): only the public fields are shown. */
  matter: PublicMatterVersion;
  publicView?: boolean;
  children?: ReactNode;
}) {
  const { tc, lang } = useCatalogI18n();
  const transfer = matter.transferScope ? tc(`transfer.${matter.transferScope}`) : tc('transfer.none');
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="matter-details">
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'code', label: tc('field.matterCode'), children: matter.code ?? '—' },
          { key: 'kind', label: tc('field.kind'), children: kindLabel(tc, matter.kind) },
          { key: 'domain', label: tc('field.domain'), children: domainLabel(matter.domain, lang) },
          { key: 'listType', label: tc('field.listType'), children: <ListTypeTag listType={matter.listType} /> },
          { key: 'source', label: tc('field.sourceDepartment'), children: matter.sourceDepartment },
          { key: 'transfer', label: tc('field.transferScope'), children: transfer },
          {
            key: 'boundary',
            label: tc('field.responsibilityBoundary'),
            span: 'filled' as const,
            children: (
              <span style={{ whiteSpace: 'pre-wrap' }} data-testid="responsibility-boundary">
                {matter.responsibilityBoundary ?? '—'}
              </span>
            ),
          },
          {
            key: 'flags',
            label: tc('field.flags'),
            children: FLAG_NAMES.some((f) => matter.flags[f]) ? <FlagTags flags={matter.flags} /> : '—',
          },
          ...(publicView && !matter.withdrawn
            ? []
            : [
                {
                  key: 'status',
                  label: tc('field.status'),
                  children: <StatusTag published={matter.published} withdrawn={matter.withdrawn} />,
                },
              ]),
          {
            key: 'effective',
            label: tc('field.effectiveFrom'),
            children: `${matter.effectiveFrom} · v${matter.version}`,
          },
          { key: 'announcement', label: tc('field.announcement'), children: matter.announcement },
        ]}
      />
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(360px, 1fr))', gap: 12 }}>
        <Basis basis={matter.legalBasis} title={tc('field.legalBasis')} testId="legal-basis" />
        <Basis basis={matter.penaltyBasis} title={tc('field.penaltyBasis')} testId="penalty-basis" />
      </div>
      {children}
    </div>
  );
}
