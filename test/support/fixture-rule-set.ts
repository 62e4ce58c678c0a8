import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));
const VALID = ['conventions.yaml', 'documents.yaml', 'calendars/KZ.yaml', 'process.yaml', 'calculation.yaml'];

/** The small valid rule set of test/fixtures/valid, with one file replaced by a malformed fixture. */
export function fixtureTexts(malformed?: string): { file: string; text: string }[] {
  const replacement = malformed ? readFileSync(`${FIXTURES}/malformed/${malformed}`, 'utf8') : undefined;
  const target = replacement ? /^# replaces: (\S+)/.exec(replacement)?.[1] : undefined;
  return VALID.map((file) => ({
    file,
    text: file === target && replacement ? replacement : readFileSync(`${FIXTURES}/valid/${file}`, 'utf8'),
  }));
}
