/**
 * @jest-environment node
 */
// The mini-app's boundaries in eslint.config.mjs fail where they should: each snippet is linted by
// ESLint's Node API with the project's own config, at a file path inside miniapp/src (the file need
// not exist; what it imports does).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'miniapp', 'src');

const eslint = new ESLint({ cwd: ROOT });

async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(SRC, file) });
  return result!.messages.map((message) => message.ruleId ?? message.message);
}

// ESLint loads the config and its plugins on the first call.
jest.setTimeout(60_000);

describe('mini-app lint boundaries', () => {
  it('fails a page that imports a module of another page', async () => {
    const code = "import { HALL_CODE_LENGTH } from '../appointments/hall-code';\nexport const length = HALL_CODE_LENGTH;\n";
    expect(await ruleIds(code, 'pages/book/fixture.ts')).toEqual(['import-x/no-restricted-paths']);
  });

  it('fails a page that imports another page’s stylesheet', async () => {
    expect(await ruleIds("import '../take-ticket/index.scss';\n", 'pages/book/fixture.ts')).toEqual(['import-x/no-restricted-paths']);
  });

  it('fails a shared folder (features, components, lib) that imports a page', async () => {
    const code = "import TicketPage from '../../pages/ticket/index';\nexport const Page = TicketPage;\n";
    expect(await ruleIds(code, 'features/queue/fixture.ts')).toEqual(['import-x/no-restricted-paths']);
  });

  it('fails a value import from @palm/shared/server in the app', async () => {
    const code = "import { SERVICE_CATEGORY_KEYS } from '@palm/shared/server';\nexport const keys = SERVICE_CATEGORY_KEYS;\n";
    expect(await ruleIds(code, 'pages/services/fixture.ts')).toEqual(['@typescript-eslint/no-restricted-imports']);
  });

  it('fails an import cycle (class-names importing card, which imports class-names)', async () => {
    const code = "import { Card } from './card';\nexport const cx = (...names: unknown[]) => [names, Card];\n";
    expect(await ruleIds(code, 'components/class-names.ts')).toEqual(['import-x/no-cycle']);
  });

  it('passes a page that imports its own folder, features, components, api, lib, theme and server types', async () => {
    const code = [
      "import type { Ticket } from '@palm/shared/server';",
      "import { listAppointments } from '../../api/appointments';",
      "import { Card } from '../../components/card';",
      "import { Fact } from '../../features/appointments/fact';",
      "import { PAGES } from '../../lib/routes';",
      "import { useElderMode } from '../../theme/elder-store';",
      "import { HALL_CODE_LENGTH } from './hall-code';",
      "import './index.scss';",
      'export const used: [Ticket | null, ...unknown[]] = [null, listAppointments, Card, Fact, PAGES, useElderMode, HALL_CODE_LENGTH];',
      '',
    ].join('\n');
    expect(await ruleIds(code, 'pages/appointments/fixture.ts')).toEqual([]);
  });

  // SCSS is outside ESLint: a page's stylesheet is read for @use / @import of another page.
  it('has no page stylesheet that uses another page’s', () => {
    const pages = readdirSync(join(SRC, 'pages'));
    const crossings = pages.flatMap((page) =>
      readdirSync(join(SRC, 'pages', page))
        .filter((name) => name.endsWith('.scss'))
        .flatMap((name) => [...readFileSync(join(SRC, 'pages', page, name), 'utf8').matchAll(/@(?:use|import|forward)\s+['"]([^'"]+)['"]/g)])
        .map((match) => match[1]!)
        .filter((path) => /^\.\.\/(?!\.\.)/.test(path) || path.includes('pages/'))
        .map((path) => `${page}: ${path}`),
    );
    expect(crossings).toEqual([]);
  });
});
