import { ClearOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Input, Space, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useI18n, type I18n } from '../../app/i18n.tsx';
import { ruleText } from '../../ui/errors.tsx';
import { BOUNDARY_FILE_MAX_BYTES, parseBoundary } from './boundary.ts';

/** A Form.Item validator for boundary text: empty is allowed (no boundary, or keep the current one). */
export function boundaryValidator(pick: I18n['pick']) {
  return async (_: unknown, value: string | undefined) => {
    if (!value?.trim()) return;
    const r = parseBoundary(value);
    if (!r.ok) throw new Error(`${ruleText(pick, r.rule)}${r.at ? ` (${r.at})` : ''}`);
  };
}

const EXAMPLE =
  '{"type":"Polygon","coordinates":[[[121.40,28.40],[121.41,28.40],[121.41,28.41],[121.40,28.41],[121.40,28.40]]]}';

/**
 * GeoJSON boundary as text: pasted, or read from a .geojson / .json file into the box (so the user sees what will be
 * sent). The value is the text; the form's validator and `toBody` turn it into the geometry (see boundary.ts).
 *
 * Test hooks: `boundary-text` (the text area), `boundary-file` (the file input), `boundary-summary`.
 */
export function BoundaryInput({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
}) {
  const { t } = useI18n();
  const file = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const parsed = useMemo(() => (value?.trim() ? parseBoundary(value) : null), [value]);

  const read = async (f: File | undefined) => {
    if (!f) return;
    setFileError(null);
    if (f.size > BOUNDARY_FILE_MAX_BYTES) {
      setFileError(t('region.boundaryFileTooLarge', { max: `${Math.round(BOUNDARY_FILE_MAX_BYTES / 1000)} KB` }));
      return;
    }
    try {
      onChange?.(await f.text());
    } catch {
      setFileError(t('region.boundaryFileUnreadable'));
    }
  };

  return (
    <div>
      <Input.TextArea
        id={id}
        data-testid="boundary-text"
        value={value}
        onChange={(e) => {
          setFileError(null);
          onChange?.(e.target.value);
        }}
        autoSize={{ minRows: 3, maxRows: 8 }}
        placeholder={EXAMPLE}
        spellCheck={false}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 }}
      />
      <input
        ref={file}
        type="file"
        style={{ display: 'none' }}
        accept=".geojson,.json,application/geo+json,application/json"
        data-testid="boundary-file"
        onChange={(e) => {
          void read(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      <Space size={8} style={{ marginTop: 6 }} wrap>
        <Button size="small" icon={<UploadOutlined />} onClick={() => file.current?.click()}>
          {t('region.boundaryFile')}
        </Button>
        {value && (
          <Button
            size="small"
            icon={<ClearOutlined />}
            onClick={() => {
              setFileError(null);
              onChange?.('');
            }}
          >
            {t('region.boundaryClear')}
          </Button>
        )}
        {parsed?.ok && (
          <Typography.Text type="success" style={{ fontSize: 12 }} data-testid="boundary-summary">
            {t('region.boundarySummary', {
              type: parsed.geometry.type,
              polygons: parsed.polygons,
              positions: parsed.positions,
            })}
          </Typography.Text>
        )}
        {fileError && (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {fileError}
          </Typography.Text>
        )}
      </Space>
    </div>
  );
}
