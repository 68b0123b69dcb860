import { Button, Checkbox, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { SignatureCapture } from '@openenforce/domain/files';
import { useI18n } from '../app/i18n.tsx';
import { ApiErrorAlert } from './errors.tsx';
import { uploadFile } from './uploadEvidence.ts';

export type { SignatureCapture };

type Point = [x: number, y: number];

const TEXT = {
  area: { zh: '签名区：请用手指或鼠标在此书写', en: 'Signature area: write here with a finger or the mouse' },
  undo: { zh: '撤销一笔', en: 'Undo stroke' },
  clear: { zh: '清除', en: 'Clear' },
  confirm: { zh: '确认签名', en: 'Confirm signature' },
  refuse: { zh: '{signer}拒绝签名', en: '{signer} refuses to sign' },
  refused: {
    zh: '已记录：拒绝签名。文书上将注明“拒绝签名”。',
    en: 'Recorded: refused to sign. The document will say so.',
  },
  saved: { zh: '签名已保存（SHA-256 {hash}…）', en: 'Signature saved (SHA-256 {hash}…)' },
  empty: { zh: '尚未签名', en: 'Not signed yet' },
  keyboard: {
    zh: '无法手写时（如仅用键盘操作）：请选择“拒绝签名”，或改为纸面签名。输入的姓名不是签名，不会被当作签名。',
    en: 'If writing is not possible (keyboard only): choose "refuses to sign", or sign on paper. A typed name is not a signature and is never taken as one.',
  },
} as const;

const fill = (s: string, vars: Record<string, string>) => s.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);

/**
 * A signature written on the phone's screen (issue 11 §7): a canvas drawn with pointer events (finger, pen, mouse),
 * with undo and clear. "Confirm" uploads the drawing as a PNG through the platform's files route (kind `signature`,
 * hashed on the phone and acknowledged by hash) and reports `{ signer, imageFileId }`; the explicit choice "refuses
 * to sign" (拒绝签名) reports `{ signer, refused: true }`, which a document prints as such. Anything else reports
 * null: an unconfirmed drawing, and never a typed name.
 *
 * No drawing library: a few dozen lines of canvas, so the phone page's first load does not grow.
 */
export function SignaturePad({
  signer,
  label,
  onChange,
  testId = 'signature-pad',
  height = 160,
}: {
  /** Who signs (the party's or the officer's name), shown and reported with the signature. */
  signer: string;
  label?: string;
  onChange: (value: SignatureCapture | null) => void;
  testId?: string;
  height?: number;
}) {
  const { pick } = useI18n();
  const t = (k: keyof typeof TEXT, vars: Record<string, string> = {}) => fill(pick(TEXT[k]), vars);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const strokes = useRef<Point[][]>([]);
  const drawing = useRef<Point[] | null>(null);
  const [strokeCount, setStrokeCount] = useState(0);
  const [refused, setRefused] = useState(false);
  /** The uploaded drawing, and whose name it was confirmed under (a changed name needs a new confirmation). */
  const [saved, setSaved] = useState<{ id: string; sha256: string; signer: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const name = signer.trim();
  const current = saved && saved.signer === name ? saved : null;
  useEffect(() => {
    if (refused) onChangeRef.current(name ? { signer: name, refused: true } : null);
    else if (current) onChangeRef.current({ signer: name, imageFileId: current.id });
    else onChangeRef.current(null);
  }, [refused, current, name]);

  /** The canvas's pixels follow its CSS size and the screen's density (a sharp line on a phone). */
  const redraw = useCallback(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ratio = window.devicePixelRatio || 1;
    const { width } = canvas.getBoundingClientRect();
    if (canvas.width !== Math.round(width * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#000';
    for (const stroke of [...strokes.current, ...(drawing.current ? [drawing.current] : [])]) {
      const [first, ...rest] = stroke;
      if (!first) continue;
      ctx.beginPath();
      ctx.moveTo(first[0], first[1]);
      if (rest.length === 0) ctx.lineTo(first[0] + 0.1, first[1] + 0.1);
      for (const p of rest) ctx.lineTo(p[0], p[1]);
      ctx.stroke();
    }
  }, [height]);

  useEffect(() => {
    redraw();
    window.addEventListener('resize', redraw);
    return () => window.removeEventListener('resize', redraw);
  }, [redraw]);

  const changed = () => {
    setStrokeCount(strokes.current.length);
    setSaved(null);
    setError(null);
    redraw();
  };

  const at = (e: ReactPointerEvent<HTMLCanvasElement>): Point => {
    const r = e.currentTarget.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };

  function down(e: ReactPointerEvent<HTMLCanvasElement>) {
    if (refused || busy) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = [at(e)];
    redraw();
  }
  function move(e: ReactPointerEvent<HTMLCanvasElement>) {
    if (!drawing.current) return;
    e.preventDefault();
    drawing.current.push(at(e));
    redraw();
  }
  function up() {
    if (!drawing.current) return;
    strokes.current.push(drawing.current);
    drawing.current = null;
    changed();
  }

  async function confirm() {
    const canvas = canvasRef.current;
    if (!canvas || strokes.current.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      const png = await new Promise<Blob>((resolve, reject) =>
        canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas'))), 'image/png'),
      );
      const ack = await uploadFile(png, 'signature', { capturedAt: new Date().toISOString() }, 'signature.png');
      setSaved({ id: ack.id, sha256: ack.sha256, signer: name });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="oe-signature" data-testid={testId} data-file-id={current?.id} data-refused={refused}>
      {label && <Typography.Text strong>{label}</Typography.Text>}
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={`${t('area')}（${name || '—'}）`}
        data-testid={`${testId}-canvas`}
        style={{
          display: 'block',
          width: '100%',
          height,
          marginTop: 6,
          border: '1px dashed #8c8c8c',
          borderRadius: 6,
          background: refused ? '#f5f5f5' : '#fff',
          touchAction: 'none',
          cursor: refused ? 'not-allowed' : 'crosshair',
        }}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      />
      <Space wrap size={6} style={{ marginTop: 6 }}>
        <Button
          size="small"
          disabled={refused || busy || strokeCount === 0}
          onClick={() => {
            strokes.current.pop();
            changed();
          }}
          data-testid={`${testId}-undo`}
        >
          {t('undo')}
        </Button>
        <Button
          size="small"
          disabled={refused || busy || strokeCount === 0}
          onClick={() => {
            strokes.current = [];
            changed();
          }}
          data-testid={`${testId}-clear`}
        >
          {t('clear')}
        </Button>
        <Button
          size="small"
          type="primary"
          disabled={refused || strokeCount === 0 || current !== null || !name}
          loading={busy}
          onClick={() => void confirm()}
          data-testid={`${testId}-confirm`}
        >
          {t('confirm')}
        </Button>
      </Space>
      <div style={{ marginTop: 6 }}>
        <Checkbox
          checked={refused}
          disabled={busy}
          onChange={(e) => {
            setRefused(e.target.checked);
            setError(null);
          }}
          data-testid={`${testId}-refuse`}
        >
          {t('refuse', { signer: name || '—' })}
        </Checkbox>
      </div>
      <div role="status" aria-live="polite" style={{ fontSize: 12, marginTop: 4 }} data-testid={`${testId}-status`}>
        {refused ? t('refused') : current ? t('saved', { hash: current.sha256.slice(0, 8) }) : t('empty')}
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
        {t('keyboard')}
      </Typography.Paragraph>
      {error !== null && <ApiErrorAlert error={error} compact />}
    </div>
  );
}
