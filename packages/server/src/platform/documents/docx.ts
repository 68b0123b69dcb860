import {
  AlignmentType,
  Document,
  Footer,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { fill, type DocumentData, type SignerValue, type TemplateBody } from '@openenforce/domain/documents';

/*
 * The same document as DOCX (for editing before issue): the GB/T 9704 page (A4, margins 37/28 mm, 3号 body, 2号
 * title, 28.95 pt line pitch) in Word's units. Word draws with the reader's fonts: 仿宋_GB2312 and 方正小标宋简体
 * are named, as county offices have them. Runs in a worker thread like the PDF.
 */

export interface DocxInput {
  template: TemplateBody;
  data: DocumentData;
  issuerName: string;
  number: string | null;
  verification: null;
}

const TWIP_PER_MM = 1440 / 25.4;
const BODY_FONT = { ascii: 'FangSong', eastAsia: '仿宋_GB2312', hAnsi: 'FangSong' };
const TITLE_FONT = { ascii: 'SimSun', eastAsia: '方正小标宋简体', hAnsi: 'SimSun' };
const LINE = Math.round((225 / 22) * TWIP_PER_MM); // exact line pitch: 22 lines fill 225 mm

const body = (
  text: string,
  opts: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {},
) =>
  new Paragraph({
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    spacing: { line: LINE, lineRule: 'exact' },
    indent: opts.indent ? { firstLine: 640 } : undefined, // two 16 pt characters
    children: [new TextRun({ text, size: 32, font: BODY_FONT })],
  });

export async function renderDocx(input: DocxInput): Promise<Uint8Array> {
  const { template: t, data } = input;
  const children: (Paragraph | Table)[] = [];
  for (const b of t.blocks) {
    if (b.type === 'title')
      children.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 240 },
          children: [new TextRun({ text: fill(b.text, data), size: 44, font: TITLE_FONT })],
        }),
      );
    else if (b.type === 'number')
      children.push(body(input.number ?? '（草稿，签发时编号）', { align: AlignmentType.CENTER }));
    else if (b.type === 'heading' || b.type === 'paragraph')
      children.push(body(fill(b.text, data), { indent: b.type === 'paragraph' && b.indent }));
    else if (b.type === 'table') {
      const rows = (data[b.field] as Record<string, string>[] | undefined) ?? [];
      const cell = (text: string) =>
        new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, size: 28, font: BODY_FONT })] })] });
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: b.columns.map((c) => cell(c.label)) }),
            ...rows.map((r) => new TableRow({ cantSplit: true, children: b.columns.map((c) => cell(r[c.key] ?? '')) })),
          ],
        }),
      );
    } else if (b.type === 'signatures')
      for (const s of b.signers) {
        const v = data[s.field] as SignerValue | undefined;
        children.push(body(`${s.label}（签名）：${v?.refused ? '拒绝签名（当事人拒签，已记录）' : (v?.name ?? '')}`));
      }
    else if (b.type === 'seal') {
      children.push(body(input.issuerName, { align: AlignmentType.RIGHT }));
      children.push(body(fill(`{{${b.dateField}}}`, data), { align: AlignmentType.RIGHT }));
    }
  }
  const doc = new Document({
    title: t.title,
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * TWIP_PER_MM), height: Math.round(297 * TWIP_PER_MM) },
            margin: {
              top: Math.round(37 * TWIP_PER_MM),
              left: Math.round(28 * TWIP_PER_MM),
              right: Math.round(26 * TWIP_PER_MM),
              bottom: Math.round(35 * TWIP_PER_MM),
            },
          },
        },
        headers: { default: new Header({ children: [body(input.issuerName, { align: AlignmentType.CENTER })] }) },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28, font: BODY_FONT })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
