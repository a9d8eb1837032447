import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as shared from '../src/index';

const SRC = join(__dirname, '..', 'src');

describe('@palm/shared entry point', () => {
  it('re-exports the domain rules and the error codes', () => {
    for (const name of [
      'ERROR_CODES',
      'errorMessage',
      'residentIdCheckDigit',
      'isValidResidentId',
      'normalizeResidentId',
      'parseResidentId',
      'checkUscc',
      'usccCheckChar',
      'MOBILE_PATTERN',
      'isValidMobile',
      'maskIdNumber',
      'maskPhone',
      'maskName',
      'ageOn',
      'ELDER_OFFER_AGE',
      'ELDERLY_PRIORITY_AGE',
      'WorkingCalendar',
      'addDays',
      'isoWeekday',
      'hoursOn',
      'isOpenAt',
      'openStatus',
      'distanceMeters',
      'isValidLatLng',
      'releaseDateOf',
      'releaseLabel',
    ]) {
      expect(shared).toHaveProperty(name);
    }
  });

  // The mini-program bundles everything outside src/server: a package or node: import there would
  // break the WeChat/Alipay build or bloat the main package (DESIGN.md §4, ≤ 2 MB).
  it('imports nothing but its own relative modules outside src/server', () => {
    const files = readdirSync(SRC).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const source = readFileSync(join(SRC, file), 'utf8');
      // Type-only imports vanish at compile time, so they are allowed.
      const runtimeImports = [
        ...source.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;]*?\bfrom\s*['"]([^'"]+)['"]/gm),
        ...source.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
        ...source.matchAll(/\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]/g),
      ];
      const specifiers = runtimeImports.map((m) => m[1]);
      expect({ file, external: specifiers.filter((s) => !s?.startsWith('./')) }).toEqual({ file, external: [] });
    }
  });
});
