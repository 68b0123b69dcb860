import type { MatterVersion, TownPower } from '@openenforce/domain/catalog';
import { Card, Table, Tag, Typography } from 'antd';
import { TownModeTag } from '../organization/labels.tsx';
import { TownPowerTag } from './labels.tsx';
import { useCatalogI18n } from './messages.ts';
import type { TownRef } from './types.ts';
import { COLORS } from '../../app/theme.ts';

/** The power of every town over the matter: set for the town, or the default. */
export function TownPowersTable({ matter, towns }: { matter: MatterVersion; towns: TownRef[] }) {
  const { tc } = useCatalogI18n();
  const known = new Set(towns.map((t) => t.id));
  // Towns the matter names but the region list does not (e.g. a town code from an import) still show.
  const rows: (TownRef & { power: TownPower; explicit: boolean })[] = [
    ...towns,
    ...Object.keys(matter.townPowers)
      .filter((id) => !known.has(id))
      .map((id) => ({ id, name: id, townMode: null })),
  ].map((t) => ({
    ...t,
    power: matter.townPowers[t.id] ?? matter.defaultTownPower,
    explicit: t.id in matter.townPowers,
  }));
  return (
    <Card
      size="small"
      title={tc('matter.towns')}
      extra={
        <span>
          {tc('field.defaultTownPower')}: <TownPowerTag power={matter.defaultTownPower} />
        </span>
      }
      data-testid="town-powers-table"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {tc('matter.townsHint')}
      </Typography.Paragraph>
      <Table
        size="small"
        bordered
        pagination={false}
        rowKey="id"
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        columns={[
          { dataIndex: 'name', title: tc('field.town') },
          {
            dataIndex: 'townMode',
            title: tc('field.townMode'),
            render: (m: TownRef['townMode']) => <TownModeTag mode={m} />,
          },
          {
            key: 'power',
            title: tc('field.power'),
            render: (_: unknown, r) => (
              <span data-town-id={r.id}>
                <TownPowerTag power={r.power} />{' '}
                {r.explicit ? (
                  <Tag color="processing" style={{ marginInlineEnd: 0 }}>
                    {tc('matter.explicit')}
                  </Tag>
                ) : (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {tc('power.defaultShort')}
                  </Typography.Text>
                )}
              </span>
            ),
          },
        ]}
      />
      {(matter.delegatingAgency || matter.professionalTeam || matter.department) && (
        <div
          style={{
            display: 'flex',
            gap: 24,
            flexWrap: 'wrap',
            color: COLORS.textSecondary,
            fontSize: 13,
            marginTop: 8,
          }}
        >
          {matter.delegatingAgency && (
            <span>
              {tc('field.delegatingAgency')}: {matter.delegatingAgency}
            </span>
          )}
          {matter.professionalTeam && (
            <span>
              {tc('field.professionalTeam')}: {matter.professionalTeam}
            </span>
          )}
          {matter.department && (
            <span>
              {tc('field.department')}: {matter.department}
            </span>
          )}
        </div>
      )}
    </Card>
  );
}
