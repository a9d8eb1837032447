// The compiled WeChat / Alipay bundle's logic layer against a real BFF: the pages load real data,
// 长辈版 switches the rendered tree at once, and the platform's own sign-in comes from the right
// platform file (platform-login.weapp.ts vs platform-login.alipay.ts). One platform per test file:
// a loaded bundle keeps module state, as on a phone.
import { join } from 'node:path';
import { DEMO_USERS, OFFICE_IDS } from '../../../seeds';
import { startBff, type RunningBff } from '../support/bff';
import { loadMiniProgram, type MiniNode, type MiniPlatform, type MiniProgram } from '../support/mini-program';

const DIST = join(__dirname, '..', '..', 'dist');

const PLATFORM_SIGN_IN = {
  weapp: { label: '微信一键登录', other: '支付宝授权登录', path: '/api/auth/wechat' },
  alipay: { label: '支付宝授权登录', other: '微信一键登录', path: '/api/auth/alipay' },
} as const;

function pageRoot(root: MiniNode | undefined): MiniNode | undefined {
  let found: MiniNode | undefined;
  const visit = (node: MiniNode | undefined) => {
    if (!node || found) return;
    if (typeof node.cl === 'string' && node.cl.split(' ').includes('palm-page')) found = node;
    node.cn?.forEach(visit);
  };
  visit(root);
  return found;
}

export function describeBundle(platform: MiniPlatform): void {
  describe(`compiled ${platform} bundle (dist/${platform}) in Node against a real BFF`, () => {
    let bff: RunningBff;
    let mini: MiniProgram;
    const getJson = async <T>(path: string): Promise<T> => (await fetch(`${bff.origin}${path}`)).json() as Promise<T>;

    beforeAll(async () => {
      bff = await startBff();
      // WeChat users may have set a larger text size (关怀模式): the app must follow it.
      mini = loadMiniProgram(platform, DIST, bff.origin, { fontSizeScaleFactor: platform === 'weapp' ? 1.3 : undefined });
    });
    afterAll(async () => {
      mini?.close();
      await bff?.close();
    });

    it('首页 shows the BFF’s 8 most-used services and the nearest open hall', async () => {
      const page = mini.openPage('pages/index/index');
      await mini.settle();
      const popular = await getJson<{ items: Array<{ name: string }> }>('/api/services?limit=8');
      const texts = page.texts();
      expect(popular.items).toHaveLength(8);
      popular.items.forEach((service) => expect(texts).toContain(service.name));
      expect(texts.join('')).toContain('营业中');
      // Location was declined: the county centre is the fallback, said in words.
      expect(mini.calls.map((c) => c.url)).toContain('/api/offices?lat=27.8135&lng=115.1208');
      // Nothing asked the person to sign in on the first screen.
      expect(mini.calls.some((c) => c.url.startsWith('/api/auth/'))).toBe(false);
      page.unload();
    });

    it('switches to 长辈版 with one tap: the same page re-renders large with fewer choices, and it is kept', async () => {
      const page = mini.openPage('pages/index/index');
      await mini.settle();
      expect(pageRoot(page.data.root)?.cl).not.toContain('elder');
      page.tap('home-elder-switch');
      await mini.settle();
      expect(pageRoot(page.data.root)?.cl).toContain('elder');
      const countServices = () => {
        let n = 0;
        const visit = (node: MiniNode | undefined) => {
          if (!node) return;
          if (typeof node.uid === 'string' && /^home-service-\d+$/.test(node.uid)) n += 1;
          node.cn?.forEach(visit);
        };
        visit(page.data.root);
        return n;
      };
      expect(countServices()).toBe(4);
      expect(mini.storage.get('palm.elderMode')).toBe(true);
      page.tap('home-elder-switch');
      await mini.settle();
      expect(countServices()).toBe(8);
      expect(mini.storage.get('palm.elderMode')).toBe(false);
      page.unload();
    });

    it('opens a service guide with its materials and the e-licences that replace them', async () => {
      const found = await getJson<{ items: Array<{ id: string; name: string }> }>(`/api/services?q=${encodeURIComponent('社保')}`);
      const service = found.items.find((item) => item.name === '社会保障卡申领');
      expect(service).toBeDefined();
      const page = mini.openPage('pages/service/index', { id: service!.id });
      await mini.settle();
      const texts = page.texts().join('|');
      expect(texts).toContain('社会保障卡申领');
      expect(texts).toContain('所需材料');
      expect(texts).toContain('可用电子证照替代');
      expect(texts).toContain('可以去这些大厅办');
      // The action bar, from the compiled bundle: its channels, and 取号 at the nearest hall.
      const parts = page.texts();
      expect(parts.filter((text) => ['取号', '预约', '在线办', '去哪办'].includes(text))).toEqual(['取号', '在线办', '去哪办']);
      page.tap('service-action-online');
      await mini.settle();
      expect(page.texts().join('|')).toContain('掌上办暂时不能直接提交申请');
      page.tap('service-action-ticket');
      await mini.settle();
      expect(mini.navigations.at(-1)).toMatch(new RegExp(`^navigateTo /pages/take-ticket/index\\?officeId=[0-9a-f-]{36}&serviceId=${service!.id}$`));
      page.unload();
    });

    it('chooses 取号’s service by searching an alias and by category (the chooser in the compiled bundle)', async () => {
      const page = mini.openPage('pages/take-ticket/index', { officeId: OFFICE_IDS.countyCenter });
      await mini.settle();
      expect(page.texts()).toEqual(expect.arrayContaining(['常办事项', '按分类查找', '社会保险']));
      page.input('take-service-search', '社保卡');
      await mini.settle();
      expect(page.texts()).toEqual(expect.arrayContaining(['找到2项', '社会保障卡申领', '社会保障卡补领、换领']));
      page.input('take-service-search', '护照');
      await mini.settle();
      expect(page.texts().join('')).toContain('没有找到与“护照”有关的事项');
      page.tap('take-service-clear');
      await mini.settle();
      page.tap('take-service-category-CIVIL_AFFAIRS');
      await mini.settle();
      expect(page.texts()).toContain('民政婚姻（4项）');
      page.tap('take-service-in-category-0');
      await mini.settle();
      // One tap chose it: the chooser closes on the name, and the queue ahead is asked for it.
      expect(page.byId('take-service-name')).toBeDefined();
      expect(page.byId('take-service-search')).toBeUndefined();
      expect(mini.calls.some((c) => c.url.startsWith(`/api/offices/${OFFICE_IDS.countyCenter}/queue/preview?serviceId=`))).toBe(true);
      page.unload();
    });

    it(`signs in with the platform’s own account only on a tap (${PLATFORM_SIGN_IN[platform].label})`, async () => {
      const expected = PLATFORM_SIGN_IN[platform];
      const askedScopes: string[] = [];
      if (platform === 'weapp') {
        bff.stubs.wechat.registerCode('e2e-wx-code', { openid: 'o-e2e-weapp' });
        mini.api.login = (options: { success: (r: { code: string }) => void }) => setTimeout(() => options.success({ code: 'e2e-wx-code' }), 0);
      } else {
        bff.stubs.alipay.registerCode('e2e-ali-code', { userId: '2088000000000042' });
        mini.api.getAuthCode = (options: { scopes: string; success: (r: { authCode: string }) => void }) => {
          askedScopes.push(options.scopes);
          setTimeout(() => options.success({ authCode: 'e2e-ali-code' }), 0);
        };
      }
      const page = mini.openPage('pages/login/index');
      await mini.settle();
      const texts = page.texts();
      expect(texts).toContain(expected.label);
      expect(texts).not.toContain(expected.other);
      // The BFF under test is not production: the demo accounts are offered too.
      expect(texts).toContain('演示：普通市民');

      page.tap('consent-box'); // 用户协议 / 隐私政策 first
      await mini.settle();
      page.tap('login-platform');
      await mini.settle();
      const signIn = mini.calls.find((c) => c.url === expected.path);
      expect(signIn?.statusCode).toBe(200);
      if (platform === 'alipay') expect(askedScopes).toEqual(['auth_base']);
      expect(mini.navigations).toContain('switchTab /pages/me/index');
      page.unload();

      // The session is used from then on: 我的 loads the profile with the bearer token.
      const me = mini.openPage('pages/me/index');
      await mini.settle();
      const profile = mini.calls.filter((c) => c.url === '/api/me').pop();
      expect(profile?.statusCode).toBe(200);
      expect(profile?.header.authorization).toMatch(/^Bearer /);
      expect(me.texts()).toContain('退出登录');
      me.unload();
    });

    it('saves 长辈版 to the profile from a mini-program (by POST: neither platform has PATCH)', async () => {
      const page = mini.openPage('pages/me/index');
      await mini.settle();
      page.tap('me-elder-switch');
      await mini.settle();
      const saved = mini.calls.filter((c) => c.url === '/api/me/preferences').pop();
      expect(saved).toMatchObject({ method: 'POST', statusCode: 200 });
      const signedIn = mini.calls.filter((c) => c.url === '/api/me').pop()!;
      const me = await fetch(`${bff.origin}/api/me`, { headers: { authorization: signedIn.header.authorization! } });
      expect(((await me.json()) as { preferences: { elderMode: boolean } }).preferences.elderMode).toBe(true);
      page.tap('me-elder-switch');
      await mini.settle();
      page.unload();
    });

    it('shows the BFF’s refusal in words on the page (a name the identity platform does not confirm for the number)', async () => {
      const page = mini.openPage('pages/real-name/index');
      await mini.settle();
      // One event at a time, as fingers do: each is rendered before the next arrives.
      page.input('real-name-name', '陈思源');
      await mini.settle();
      page.input('real-name-id', DEMO_USERS.citizen.idNumber);
      await mini.settle();
      page.tap('real-name-submit');
      await mini.settle();
      expect(mini.calls.filter((c) => c.url === '/api/me/real-name').pop()?.statusCode).toBe(422);
      expect(page.texts().join('')).toContain('姓名与身份证号码未通过核验');
      // Through the real client and the stub platform; the number stays where it was.
      expect(bff.stubs.realName.checks.pop()).toMatchObject({ idNumber: DEMO_USERS.citizen.idNumber, result: 'MISMATCH' });
      page.unload();
    });

    if (platform === 'weapp') {
      it('follows WeChat’s text size (fontSizeScaleFactor 1.3) on every page', async () => {
        const page = mini.openPage('pages/settings/index');
        await mini.settle();
        const style = String(pageRoot(page.data.root)?.st ?? '');
        expect(style.replace(/\s/g, '')).toContain('--palm-font-scale:1.3');
        expect(page.texts().join('')).toContain('1.30 倍');
        page.unload();
      });
    }
  });
}
