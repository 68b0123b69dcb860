import type { DocumentData, TemplateBody } from './template.ts';

/**
 * Sample data made from a template's fields (the template editor's preview, tests of templates without hand-written
 * samples): each text field reads its label followed by 甲, so every field can be found in the rendered text; a table
 * gets `rows` rows; the party refuses to sign (so the refusal shows), the other signers sign.
 */
export function generatedSample(t: TemplateBody, rows = 3): DocumentData {
  const data: DocumentData = {};
  for (const f of t.fields) {
    if (f.type === 'text') data[f.name] = `${f.label}甲`;
    else if (f.type === 'signature')
      data[f.name] =
        f.name === 'partySignature' ? { name: '', refused: true } : { name: `${f.label}乙`, refused: false };
    else {
      const cols = t.blocks.flatMap((b) => (b.type === 'table' && b.field === f.name ? b.columns : []));
      data[f.name] = Array.from({ length: rows }, (_, i) =>
        Object.fromEntries(cols.map((c) => [c.key, `${c.label}${i + 1}`])),
      );
    }
  }
  return data;
}
