// The same journey in the real WeChat runtime through miniprogram-automator. It needs WeChat
// DevTools (Windows or macOS, signed in, 设置 → 安全 → 服务端口 on) and a BFF on 127.0.0.1:3000
// (`npm start`). Point WECHAT_DEVTOOLS_CLI at its `cli` to run it; everywhere else (these Linux
// machines) it is skipped, said so loudly, and never counted as passing.
import { join } from 'node:path';
import { AUTOMATOR_SKIP_MESSAGE, DEVTOOLS_CLI } from './devtools';

const cliPath = DEVTOOLS_CLI;
if (!cliPath) console.warn(AUTOMATOR_SKIP_MESSAGE);

interface AutomatorElement {
  text(): Promise<string>;
  tap(): Promise<void>;
  input(value: string): Promise<void>;
  attribute(name: string): Promise<string>;
}
interface AutomatorPage {
  path: string;
  waitFor(conditionOrMs: string | number): Promise<void>;
  $(selector: string): Promise<AutomatorElement | null>;
  $$(selector: string): Promise<AutomatorElement[]>;
}
interface MiniProgramHandle {
  reLaunch(url: string): Promise<AutomatorPage>;
  switchTab(url: string): Promise<AutomatorPage>;
  currentPage(): Promise<AutomatorPage>;
  close(): Promise<void>;
}

(cliPath ? describe : describe.skip)('WeChat DevTools (miniprogram-automator): search 社保 → guide → halls → 长辈版', () => {
  let mini: MiniProgramHandle;

  beforeAll(async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const automator = require('miniprogram-automator') as { launch(options: { cliPath: string; projectPath: string }): Promise<MiniProgramHandle> };
    mini = await automator.launch({ cliPath: cliPath!, projectPath: join(__dirname, '..', '..') });
  }, 120_000);
  afterAll(async () => {
    await mini?.close();
  });

  it('finds 社会保障卡申领 by searching 社保 and opens its guide with materials', async () => {
    const home = await mini.reLaunch('/pages/index/index');
    await home.waitFor('#home-search');
    await (await home.$('#home-search'))!.input('社保');
    await (await home.$('#home-search-submit'))!.tap();
    const services = await mini.currentPage();
    await services.waitFor(1500);
    expect(services.path).toBe('pages/services/index');
    const first = (await services.$$('.palm-cell'))[0]!;
    expect(await first.text()).toContain('社会保障卡');
    await first.tap();
    const guide = await mini.currentPage();
    await guide.waitFor('#service-materials');
    expect(await (await guide.$('#service-materials'))!.text()).toContain('所需材料');
    await (await guide.$('#guide-office-0'))!.tap();
    const office = await mini.currentPage();
    await office.waitFor('#office-name');
    expect(office.path).toBe('pages/office/index');
  });

  it('switches the whole app to 长辈版 from 我的', async () => {
    const me = await mini.switchTab('/pages/me/index');
    await (await me.$('#me-elder-switch'))!.tap();
    await me.waitFor(500);
    expect(await (await me.$('.palm-page'))!.attribute('class')).toContain('elder');
    const home = await mini.switchTab('/pages/index/index');
    expect(await (await home.$('.palm-page'))!.attribute('class')).toContain('elder');
    expect(await home.$$('.home__service')).toHaveLength(4);
  });
});
