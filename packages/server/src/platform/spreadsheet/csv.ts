/**
 * CSV as Excel writes it: RFC 4180 (quoted fields with "" for a quote, commas and line breaks inside quotes, CRLF or
 * LF), in UTF-8 (with or without BOM), GBK/GB18030 (what Excel saves on a Chinese Windows) or UTF-16 ("Unicode text",
 * tab-separated).
 */

/** Decode the bytes of a text file: BOM first, then strict UTF-8, else GB18030 (a superset of GBK and GB2312). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    // `fatal`: any byte sequence that is not UTF-8 throws, which is how a GBK file is recognised. The decoder drops
    // a UTF-8 BOM itself.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export interface CsvRecord {
  /** 1-based record number: the row number Excel shows when it opens the file (a quoted line break stays in its row). */
  row: number;
  fields: string[];
}

export type CsvResult = { ok: true; records: CsvRecord[] } | { ok: false; unterminatedQuoteAt: number };

/**
 * Split CSV text into records. Lenient where Excel is: a quote inside an unquoted field is a literal character, and
 * characters after a closing quote are kept. The one error is a quote that is never closed (the rest of the file
 * would silently become one cell).
 */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): CsvResult {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let quoteOpenedAt = 0;
  let fieldStarted = false;
  const endField = () => {
    fields.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    records.push({ row: records.length + 1, fields });
    fields = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      quoteOpenedAt = records.length + 1;
    } else if (ch === delimiter) endField();
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) return { ok: false, unterminatedQuoteAt: quoteOpenedAt };
  // A last line without a line break is still a record; a trailing line break does not start an empty one.
  if (fieldStarted || field !== '' || fields.length > 0) endRecord();
  return { ok: true, records };
}

/** Comma, unless the first line has tabs and no comma (Excel's "Unicode text" export). */
function detectDelimiter(text: string): string {
  const end = text.search(/\r|\n/);
  const firstLine = end < 0 ? text : text.slice(0, end);
  return firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
}
