/**
 * The document number (文号) as printed: issuer prefix, the template's type word, the year in 〔〕 and the sequence
 * number, e.g. 温综执罚决字〔2026〕第123号. The number itself comes from the platform's gapless sequence per issuer,
 * kind and year, taken only when a document is issued.
 */
export function documentNumber(prefix: string, numberWord: string, year: number, n: number): string {
  return `${prefix}${numberWord}〔${year}〕第${n}号`;
}
