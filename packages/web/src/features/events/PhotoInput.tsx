import { CameraOutlined, CloseCircleFilled, LoadingOutlined, ReloadOutlined } from '@ant-design/icons';
import { Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { uploadPhoto } from './api.ts';
import { useEventsI18n } from './messages.ts';
import { StepError } from './StepError.tsx';

interface Tile {
  key: string;
  preview: string;
  id: string | null;
  /** The queued copy: kept until the server's acknowledgement names its hash, then dropped. */
  file: Blob | null;
  sha256: string | null;
  failed?: boolean;
}

/**
 * Photos taken with the phone's camera (`capture="environment"`), uploaded at once (POST /api/events/photos) so
 * that the step only sends their ids. At most `max` photos. Each is hashed (SHA-256) before it is sent; a tile keeps
 * its photo until the acknowledgement names that hash, and a failed one can be sent again (the retry button). The file input is hidden only visually: Tab reaches it
 * and Enter or Space opens the camera or the file chooser (the tile shows its focus).
 */
export function PhotoInput({
  kind,
  onChange,
  max = 9,
  label,
}: {
  kind: 'report' | 'before' | 'after';
  onChange: (ids: string[]) => void;
  max?: number;
  label?: string;
}) {
  const { te } = useEventsI18n();
  const [tiles, setTiles] = useState<Tile[]>([]);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    onChangeRef.current(tiles.filter((t) => t.id).map((t) => t.id!));
  }, [tiles]);
  const tilesRef = useRef(tiles);
  tilesRef.current = tiles;
  useEffect(() => () => tilesRef.current.forEach((t) => URL.revokeObjectURL(t.preview)), []);

  function send(key: string, file: Blob) {
    const update = (patch: Partial<Tile>) =>
      setTiles((cur) => cur.map((t) => (t.key === key ? { ...t, ...patch } : t)));
    uploadPhoto(file, kind)
      // The acknowledgement names the hash computed here (uploadPhoto checks it): only then is the copy dropped.
      .then(({ id, sha256 }) => update({ id, sha256, file: null, failed: false }))
      .catch((err: unknown) => {
        setError(err);
        update({ failed: true });
      });
  }

  function add(files: FileList | null) {
    if (!files) return;
    setError(null);
    for (const file of Array.from(files).slice(0, max - tiles.length)) {
      const key = `p${++seq.current}`;
      const tile: Tile = { key, preview: URL.createObjectURL(file), id: null, file, sha256: null };
      setTiles((cur) => [...cur, tile]);
      send(key, file);
    }
  }

  function retry(t: Tile) {
    if (!t.file) return;
    setError(null);
    setTiles((cur) => cur.map((x) => (x.key === t.key ? { ...x, failed: false } : x)));
    send(t.key, t.file);
  }

  const remove = (key: string) => setTiles((cur) => cur.filter((t) => t.key !== key));
  const uploading = tiles.some((t) => !t.id && !t.failed);

  return (
    <div data-testid={`photos-${kind}`} data-uploaded={tiles.filter((t) => t.id).length} data-busy={uploading}>
      <Space size={8} wrap>
        {tiles.map((t) => (
          <div
            key={t.key}
            className="oe-photo-tile"
            style={t.failed ? { outline: '2px solid #f5222d' } : undefined}
            data-sha256={t.sha256 ?? undefined}
            data-queued={t.file !== null}
          >
            <img src={t.preview} alt={te('ev.photos')} />
            {t.failed && t.file && (
              <button
                type="button"
                className="oe-photo-retry"
                onClick={() => retry(t)}
                aria-label={te('ev.retryPhoto')}
              >
                <ReloadOutlined aria-hidden />
              </button>
            )}
            {!t.id && !t.failed && (
              <LoadingOutlined
                style={{ position: 'absolute', inset: 0, margin: 'auto', fontSize: 22, color: '#fff' }}
              />
            )}
            <button
              type="button"
              className="oe-photo-remove"
              onClick={() => remove(t.key)}
              aria-label={te('ev.removePhoto')}
            >
              <CloseCircleFilled aria-hidden />
            </button>
          </div>
        ))}
        {tiles.length < max && (
          <label className="oe-photo-add">
            <span>
              <CameraOutlined style={{ fontSize: 22 }} />
              <br />
              {label ?? te('ev.takePhoto')}
            </span>
            <input
              type="file"
              accept="image/*"
              capture="environment"
              multiple
              data-testid={`photo-input-${kind}`}
              onChange={(e) => {
                add(e.target.files);
                e.target.value = '';
              }}
            />
          </label>
        )}
      </Space>
      <StepError error={error} style={{ marginTop: 8 }} />
    </div>
  );
}
