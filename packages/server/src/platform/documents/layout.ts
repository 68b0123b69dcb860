import {
  fill,
  REFUSED_TO_SIGN,
  signerName,
  type DocumentData,
  type SignerValue,
  type TemplateBody,
} from '@openenforce/domain/documents';

/*
 * GB/T 9704-2012 page geometry for a template: A4, top margin 37 mm, binding (left) margin 28 mm, text block
 * 156 × 225 mm; body text at 3号 (16 pt) set to 22 lines × 28 characters by spacing the characters and the lines to
 * fill the block exactly; the title at 2号 (22 pt) in the title (小标宋-style) font; the issuing subject's full name at
 * the head of every page; page numbers "— n —" at 4号 below the block, odd pages right and even left.
 */

/** pdfmake's document definition, loosely typed: @types/pdfmake pulls the DOM library into the server. */
type Content = Record<string, unknown>;
export type TDocumentDefinitions = Record<string, unknown> & { content: Content[]; info: Record<string, unknown> };

export const MM = 72 / 25.4;
export const A4 = { width: 210 * MM, height: 297 * MM };
export const BLOCK = { left: 28 * MM, top: 37 * MM, width: 156 * MM, height: 225 * MM };
export const BODY_PT = 16;
export const TITLE_PT = 22;
export const LINES = 22;
export const CHARS = 28;

export interface LayoutInput {
  template: TemplateBody;
  data: DocumentData;
  issuerName: string;
  /** The document number once issued; null prints the draft mark. */
  number: string | null;
  /** An issued document's verification: the short code and a QR image (PNG data URL) of the verify address. */
  verification: { code: string; url: string; qrPng: string } | null;
  /** Ascent − descent of the body font in em (the line box pdfkit uses). */
  bodyLineEm: number;
  /** Signature images (PNG data URLs) by signer field. */
  signatures: Record<string, string>;
  /** Split a string into runs by the font that has its characters (body, or the fallback for rare ones). */
  runs(text: string): { text: string; font?: string }[];
}

const signerText = (v: unknown): string => {
  const s = v as SignerValue | undefined;
  if (!s || typeof s !== 'object') return '';
  return s.refused ? REFUSED_TO_SIGN : signerName(s);
};

/** What a block is, for keeping the document's end together (the seal never stands alone on a page). */
type Part = 'body' | 'table' | 'signatures' | 'seal' | 'verification';

/**
 * The end of the document kept on one page: the signatures, the seal and the verification code, with the one body
 * paragraph before them (GB/T 9704 7.3.5: a page with the seal carries body text; no page holds only the seal).
 */
function keepEndTogether(items: { node: Content; part: Part }[]): Content[] {
  let start = items.length;
  let paragraphs = 0;
  while (start > 0) {
    const p = items[start - 1]!.part;
    if (p === 'table') break;
    if (p === 'body') {
      if (paragraphs === 1) break;
      paragraphs++;
    }
    start--;
  }
  if (start >= items.length - 1) return items.map((i) => i.node);
  return [
    ...items.slice(0, start).map((i) => i.node),
    { unbreakable: true, stack: items.slice(start).map((i) => i.node) },
  ];
}

export function layout(input: LayoutInput): TDocumentDefinitions {
  const { template: t, data } = input;
  const charPitch = BLOCK.width / CHARS; // 15.79 pt: 28 characters fill 156 mm
  const linePitch = BLOCK.height / LINES; // 28.99 pt: 22 lines fill 225 mm
  const lineHeight = linePitch / (BODY_PT * input.bodyLineEm);
  const t_ = (s: string) => input.runs(s);

  const items: { node: Content; part: Part }[] = [];
  const content = {
    push: (node: Content, part: Part = 'body') => items.push({ node, part }),
  };
  const qrWidth = 24 * MM;
  const verification = input.verification
    ? {
        width: qrWidth + 4,
        stack: [
          { image: input.verification.qrPng, width: qrWidth },
          { text: input.verification.code, fontSize: 9, characterSpacing: 0, lineHeight: 1, margin: [0, 2, 0, 0] },
        ],
      }
    : null;
  let qrPlaced = false;
  for (const b of t.blocks) {
    switch (b.type) {
      case 'title':
        content.push({ text: t_(fill(b.text, data)), style: 'title' });
        break;
      case 'number':
        content.push({ text: t_(input.number ?? '（草稿，签发时编号）'), style: 'number' });
        break;
      case 'heading':
        content.push({ text: t_(fill(b.text, data)), bold: true });
        break;
      case 'paragraph':
        content.push({
          text: t_(fill(b.text, data)),
          leadingIndent: b.indent ? 2 * charPitch : 0,
          alignment: 'justify',
        });
        break;
      case 'table': {
        const rows = (data[b.field] as Record<string, string>[] | undefined) ?? [];
        const total = b.columns.reduce((n, c) => n + c.width, 0);
        content.push(
          {
            style: 'table',
            table: {
              headerRows: 1, // repeated on every page the table runs onto
              dontBreakRows: true,
              widths: b.columns.map((c) => (BLOCK.width - 2 * b.columns.length * 4) * (c.width / total)),
              body: [
                b.columns.map((c) => ({ text: t_(c.label), bold: true, alignment: 'center' as const })),
                ...rows.map((r) => b.columns.map((c) => ({ text: t_(r[c.key] ?? '') }))),
              ],
            },
          },
          'table',
        );
        break;
      }
      case 'signatures':
        content.push(
          {
            style: 'signatures',
            unbreakable: true,
            stack: b.signers.map((sg) => {
              const image = input.signatures[sg.field];
              const label = { text: t_(`${sg.label}（签名）：`), width: 'auto' };
              if (!image) return { columns: [label, { text: t_(signerText(data[sg.field])), width: '*' }] };
              // A signature drawn on the phone: the image in the signer's place, at most 1.5 lines high.
              return {
                columns: [
                  label,
                  { image, fit: [45 * MM, linePitch * 1.5], width: 45 * MM },
                  { text: t_(signerText(data[sg.field])), width: '*', fontSize: 12 },
                ],
              };
            }),
          },
          'signatures',
        );
        break;
      case 'seal': {
        // The seal (印章) is pressed over the subject's name and the date: a 42 mm circle centred on them. The
        // verification QR code sits at the left of the same block, so it never takes a page of its own.
        const r = 21 * MM;
        const date = fill(`{{${b.dateField}}}`, data);
        const sealWidth = BLOCK.width - (verification ? qrWidth + 4 : 0);
        const seal = {
          width: '*',
          stack: [
            {
              canvas: [
                {
                  type: 'ellipse',
                  x: sealWidth - 4 * charPitch - r / 2,
                  y: linePitch,
                  r1: r,
                  r2: r,
                  lineColor: '#d33',
                  lineWidth: 0.8,
                  dash: { length: 4 },
                },
              ],
              margin: [0, 0, 0, -2 * linePitch + 0.1],
            },
            { text: t_(input.issuerName), alignment: 'right', margin: [0, 0, 4 * charPitch - r / 2 - 40, 0] },
            { text: t_(date), alignment: 'right', margin: [0, 0, 4 * charPitch - r / 2 - 40, 0] },
            { text: '（印章）', color: '#d33', fontSize: 10, alignment: 'right', margin: [0, 0, 4 * charPitch, 0] },
          ],
        };
        content.push(
          {
            unbreakable: true,
            margin: [0, linePitch, 0, 0],
            columns: verification ? [{ ...verification, margin: [0, linePitch / 2, 0, 0] }, seal] : [seal],
          },
          'seal',
        );
        qrPlaced = true;
        break;
      }
    }
  }
  if (verification && !qrPlaced) {
    content.push(
      {
        unbreakable: true,
        margin: [0, linePitch / 2, 0, 0],
        columns: [
          verification,
          {
            width: '*',
            fontSize: 10.5,
            characterSpacing: 0,
            lineHeight: 1.2,
            margin: [8, 4, 0, 0],
            text: `扫码或访问 ${input.verification!.url} 核验文书真伪`,
          },
        ],
      },
      'verification',
    );
  }
  return {
    content: keepEndTogether(items),
    pageSize: { width: A4.width, height: A4.height },
    pageMargins: [BLOCK.left, BLOCK.top, A4.width - BLOCK.left - BLOCK.width, A4.height - BLOCK.top - BLOCK.height],
    info: { title: t.title, creator: 'OpenEnforce', producer: 'OpenEnforce' },
    ...(input.number === null
      ? { watermark: { text: '草 稿', color: '#999', opacity: 0.15, bold: false, font: 'Body' } }
      : {}),
    header: () => ({
      text: t_(input.issuerName),
      fontSize: 10.5,
      alignment: 'center',
      margin: [BLOCK.left, 20 * MM, A4.width - BLOCK.left - BLOCK.width, 0],
    }),
    footer: (page: number) => ({
      text: `— ${page} —`,
      fontSize: 14,
      alignment: page % 2 === 1 ? 'right' : 'left',
      margin: [BLOCK.left + charPitch, 7 * MM, A4.width - BLOCK.left - BLOCK.width + charPitch, 0],
    }),
    defaultStyle: {
      font: 'Body',
      fontSize: BODY_PT,
      characterSpacing: charPitch - BODY_PT,
      lineHeight,
    },
    styles: {
      title: {
        font: 'Title',
        fontSize: TITLE_PT,
        bold: true,
        alignment: 'center',
        lineHeight: 1.2,
        margin: [0, 0, 0, linePitch / 2],
      },
      number: { alignment: 'center', margin: [0, 0, 0, linePitch / 2] },
      table: { fontSize: 14, characterSpacing: 0, lineHeight: 1.15, margin: [0, linePitch / 2, 0, linePitch / 2] },
      signatures: { margin: [0, linePitch / 2, 0, 0] },
    },
  };
}
