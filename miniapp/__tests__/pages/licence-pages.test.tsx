// The licence pages against a scripted BFF: the wallet masked with each status in words; the
// number revealed on request and masked again by itself 30 s after the answer; 亮证 — a purpose,
// a QR drawn from the token, a new token every 30 s with its countdown, 代 X 出示 when acting; the
// watermark on the server's clock; 使用记录 showing a new check without a reload; the clerk's 核验
// with only the answered fields and each refusal in words.
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { LicencePresentation, LicenceUse, LicenceVerification, LicenceView } from '@palm/shared/server';
import { resetActingStore, startActing } from '../../src/api/acting-store';
import { setMe } from '../../src/api/session';
import { qrMatrix, qrPath } from '../../src/features/licences/qr-path';
import { VERIFY_REFUSAL_WORDS } from '../../src/features/licences/words';
import LicencePage from '../../src/pages/licence/index';
import LicenceUsesPage, { USES_POLL_MS } from '../../src/pages/licence-uses/index';
import LicenceVerifyPage from '../../src/pages/licence-verify/index';
import LicencesPage from '../../src/pages/licences/index';
import { useRouter } from '../__mocks__/taro';
import { answerRequests, fail, me, ok, resetAll, signIn, taro } from '../helpers';

const ID = 'aaaaaaaa-0000-4000-8000-00000000000a';
const FULL = '361221199001010318';

const licence = (patch: Partial<LicenceView> = {}): LicenceView => ({
  id: ID,
  type: 'RESIDENT_ID',
  typeLabel: '居民身份证',
  numberMasked: '3612**********0318',
  issuer: '青石县公安局',
  validFrom: '2020-03-01',
  validUntil: '2040-03-01',
  status: 'VALID',
  holderNameMasked: '陈**',
  fields: [
    { key: 'name', label: '姓名', value: '陈思远' },
    { key: 'sex', label: '性别', value: '男' },
  ],
  lastSyncedAt: '2026-11-23T01:00:00.000Z',
  ...patch,
});

const presentation = (token: string, patch: Partial<LicencePresentation> = {}): LicencePresentation => ({
  token,
  expiresAt: new Date(Date.now() + 60_000).toISOString(),
  refreshSeconds: 30,
  purpose: { code: 'IDENTITY_CHECK', name: '身份核验' },
  fields: [
    { key: 'name', label: '姓名' },
    { key: 'numberMasked', label: '证照号码（部分隐藏）' },
  ],
  onBehalfOf: null,
  ...patch,
});

const purposes = {
  items: [
    { code: 'IDENTITY_CHECK', name: '身份核验', serviceId: null, licenceTypes: ['RESIDENT_ID'], fields: [{ key: 'name', label: '姓名' }] },
    { code: 'S-0001', name: '居民身份证换领', serviceId: 'bbbbbbbb-0000-4000-8000-000000000001', licenceTypes: ['RESIDENT_ID'], fields: [{ key: 'name', label: '姓名' }, { key: 'address', label: '住址' }] },
  ],
};

const qrShown = (): string => document.querySelector('#licence-qr path')?.getAttribute('d') ?? '';
const flush = () => act(async () => undefined);

beforeEach(() => {
  resetAll();
  useRouter.mockImplementation(() => ({ params: { id: ID } }));
});
afterEach(() => {
  jest.useRealTimers();
  resetActingStore();
});

describe('我的证照', () => {
  it('lists the licences masked, each status in words, and opens one', async () => {
    answerRequests(() =>
      ok({
        items: [
          licence(),
          licence({ id: 'aaaaaaaa-0000-4000-8000-00000000000b', type: 'DRIVING_LICENCE', typeLabel: '机动车驾驶证', status: 'REVOKED' }),
          licence({ id: 'aaaaaaaa-0000-4000-8000-00000000000c', type: 'SOCIAL_SECURITY_CARD', typeLabel: '社会保障卡', status: 'EXPIRED', validUntil: '2025-01-01' }),
        ],
      }),
    );
    signIn();
    render(<LicencesPage />);
    expect(await screen.findByText('机动车驾驶证')).toBeInTheDocument();
    expect(document.getElementById('licence-0-status')).toHaveTextContent('有效');
    expect(document.getElementById('licence-1-status')).toHaveTextContent('已注销');
    expect(document.getElementById('licence-2-status')).toHaveTextContent('已过期');
    expect(document.body.textContent).not.toContain(FULL);
    expect(screen.getAllByText('3612**********0318')).toHaveLength(3);
    fireEvent.click(document.querySelector('#licence-0 .licences__row')!);
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/licence/index?id=${ID}` });
  });

  it('syncs from the provincial platform on demand, and says when it could not (no verified real name)', async () => {
    let synced = true;
    const calls = answerRequests((call) => {
      if (call.url.endsWith('/api/licences/sync')) return ok({ items: [licence(), licence({ id: 'aaaaaaaa-0000-4000-8000-00000000000d', type: 'MARRIAGE_CERTIFICATE', typeLabel: '结婚证' })], synced });
      return ok({ items: [licence()] });
    });
    signIn();
    render(<LicencesPage />);
    await flush();
    expect(screen.queryByText('结婚证')).not.toBeInTheDocument();
    fireEvent.click(document.getElementById('licences-sync')!);
    expect(await screen.findByText('结婚证')).toBeInTheDocument();
    expect(calls.find((c) => c.url.endsWith('/api/licences/sync'))).toMatchObject({ method: 'POST' });
    expect(document.getElementById('licences-sync-result')).toHaveTextContent('已从省电子证照平台同步');
    synced = false;
    fireEvent.click(document.getElementById('licences-sync')!);
    await flush();
    expect(document.getElementById('licences-sync-result')).toHaveTextContent('完成实名认证后');
  });

  it('offers no sync while acting for someone (a sync asks by one’s own name and ID number)', async () => {
    answerRequests(() => ok({ items: [licence()] }));
    signIn();
    startActing({ userId: '5eed0004-0000-4000-8000-000000000002', grantId: 'dddddddd-0000-4000-8000-000000000001', name: '张**', relation: '父母', scopes: ['LICENCE_PRESENT'], services: [], validUntil: '2027-11-23T16:00:00.000Z', ownerId: null });
    render(<LicencesPage />);
    await flush();
    expect(document.getElementById('licences-sync')).toBeNull();
  });
});

describe('一个证照', () => {
  it('reveals the full number on request and masks it again 30 s after the answer', async () => {
    jest.useFakeTimers();
    const calls = answerRequests(({ url }) => (url.includes('reveal=true') ? ok(licence({ number: FULL })) : ok(licence())));
    signIn();
    render(<LicencePage />);
    await flush();
    expect(document.getElementById('licence-number')).toHaveTextContent('3612**********0318');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /显示完整号码/ })));
    expect(calls.some((c) => c.url === `/api/licences/${ID}?reveal=true`)).toBe(true);
    expect(document.getElementById('licence-number')).toHaveTextContent(FULL);
    await act(async () => {
      jest.advanceTimersByTime(1000);
    });
    expect(document.getElementById('licence-reveal-countdown')).toHaveTextContent('29 秒后自动隐藏');
    await act(async () => {
      jest.advanceTimersByTime(28_000);
    });
    expect(document.getElementById('licence-number')).toHaveTextContent(FULL);
    await act(async () => {
      jest.advanceTimersByTime(1000);
    });
    expect(document.getElementById('licence-number')).toHaveTextContent('3612**********0318');
    expect(document.body.textContent).not.toContain(FULL);
  });

  it('on WeChat hides the page in captures, and a capture is said on the page and noted in 使用记录', async () => {
    const env = process.env.TARO_ENV;
    process.env.TARO_ENV = 'weapp';
    const api = taro as unknown as Record<string, unknown>;
    let onCapture: (() => void) | undefined;
    const effects: string[] = [];
    api.setVisualEffectOnCapture = jest.fn((options: { visualEffect: string }) => effects.push(options.visualEffect));
    api.onUserCaptureScreen = jest.fn((callback: () => void) => (onCapture = callback));
    api.offUserCaptureScreen = jest.fn();
    try {
      const calls = answerRequests(({ url }) => (url.endsWith('/captures') ? { status: 201, body: { id: 'c1', capturedAt: '2026-11-23T01:30:00.000Z' } } : ok(licence())));
      signIn();
      const view = render(<LicencePage />);
      await flush();
      expect(effects).toEqual(['hidden']);
      await act(async () => onCapture!());
      expect(document.getElementById('licence-captured')).toBeInTheDocument();
      expect(calls.filter((c) => c.url === `/api/licences/${ID}/captures`).map((c) => c.method)).toEqual(['POST']);
      view.unmount();
      expect(effects).toEqual(['hidden', 'none']);
    } finally {
      process.env.TARO_ENV = env;
      delete api.setVisualEffectOnCapture;
      delete api.onUserCaptureScreen;
      delete api.offUserCaptureScreen;
    }
  });

  it('shows the watermark with the masked name and the server’s time, not the device’s', async () => {
    const serverAhead = 3 * 3_600_000;
    answerRequests(() => ({ status: 200, body: licence(), header: { 'x-server-time': String(Date.now() + serverAhead) } }));
    signIn();
    render(<LicencePage />);
    const mark = await screen.findByText('仅供办理政务服务使用');
    const words = mark.parentElement!.textContent!;
    expect(words).toContain('陈**');
    const shown = words.match(/(\d{4}-\d{2}-\d{2} \d{2}:\d{2}):\d{2}/)![1]!;
    const serverWords = new Date(Date.now() + serverAhead + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(shown).toBe(serverWords);
  });

  it('presents for a chosen purpose: a QR of the token, a new one every 30 s with a countdown', async () => {
    jest.useFakeTimers();
    let issued = 0;
    const calls = answerRequests(({ url, method }) => {
      if (url.startsWith('/api/licence-purposes')) return ok(purposes);
      if (method === 'POST') {
        issued += 1;
        return { status: 201, body: presentation(`header.token-${issued}.signature`) };
      }
      return ok(licence());
    });
    signIn();
    render(<LicencePage />);
    await flush();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '亮证' })));
    expect(calls.find((c) => c.url.startsWith('/api/licence-purposes'))?.url).toBe('/api/licence-purposes?licenceType=RESIDENT_ID');
    fireEvent.click(screen.getByRole('radio', { name: /居民身份证换领/ }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '生成亮证码' })));
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ url: `/api/licences/${ID}/presentations`, data: { purpose: 'S-0001' } });
    expect(qrShown()).toBe(qrPath(qrMatrix('header.token-1.signature')));
    expect(document.getElementById('licence-qr')).toHaveAttribute('role', 'img');
    expect(document.getElementById('licence-qr-countdown')).toHaveTextContent('30 秒后自动刷新');
    expect(document.getElementById('licence-qr-watermark')).toHaveTextContent('仅供办理政务服务使用');
    expect(document.getElementById('licence-present-fields')).toHaveTextContent('窗口将看到：姓名、证照号码（部分隐藏）');

    await act(async () => {
      jest.advanceTimersByTime(10_000);
    });
    expect(document.getElementById('licence-qr-countdown')).toHaveTextContent('20 秒后自动刷新');
    expect(issued).toBe(1);
    await act(async () => {
      jest.advanceTimersByTime(19_000);
    });
    expect(issued).toBe(1);
    await act(async () => {
      jest.advanceTimersByTime(1000);
    });
    expect(issued).toBe(2);
    expect(qrShown()).toBe(qrPath(qrMatrix('header.token-2.signature')));
    expect(qrShown()).not.toBe(qrPath(qrMatrix('header.token-1.signature')));
    expect(document.getElementById('licence-qr-countdown')).toHaveTextContent('30 秒后自动刷新');

    // 结束出示: no more tokens.
    fireEvent.click(screen.getByRole('button', { name: '结束出示' }));
    await act(async () => {
      jest.advanceTimersByTime(90_000);
    });
    expect(issued).toBe(2);
    expect(document.getElementById('licence-qr')).toBeNull();
  });

  it('labels a presentation for someone 代 X 出示 and offers no full number', async () => {
    startActing({ userId: '5eed0004-0000-4000-8000-000000000002', grantId: 'dddddddd-0000-4000-8000-000000000001', name: '张**', relation: '父母', scopes: ['LICENCE_PRESENT'], services: [], validUntil: '2027-11-23T16:00:00.000Z', ownerId: null });
    const calls = answerRequests(({ url, method }) => {
      if (url.startsWith('/api/licence-purposes')) return ok(purposes);
      if (method === 'POST') return { status: 201, body: presentation('a.b.c', { onBehalfOf: { nameMasked: '张**' } }) };
      return ok(licence({ holderNameMasked: '张**' }));
    });
    signIn();
    render(<LicencePage />);
    await screen.findByText('证照号码');
    expect(screen.queryByRole('button', { name: /显示完整号码/ })).toBeNull();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '亮证' })));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '代 张** 出示' })));
    expect(document.getElementById('licence-on-behalf')).toHaveTextContent('代 张** 出示');
    expect(calls.find((c) => c.method === 'POST')?.header['X-On-Behalf-Of']).toBe('5eed0004-0000-4000-8000-000000000002');
  });

  it('says in the page why a revoked licence cannot be shown, and an error without a pop-up', async () => {
    answerRequests(() => ok(licence({ status: 'REVOKED' })));
    signIn();
    render(<LicencePage />);
    expect(await screen.findByText('！该证照已注销，不能亮证。')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '亮证' })).toBeNull();
  });
});

describe('使用记录', () => {
  const use = (patch: Partial<LicenceUse> = {}): LicenceUse => ({
    id: 'cccccccc-0000-4000-8000-000000000001',
    kind: 'PRESENTATION',
    purpose: { code: 'S-0001', name: '居民身份证换领' },
    presentedAt: new Date(Date.now() - 5000).toISOString(),
    presentedBy: { self: true, nameMasked: '陈**' },
    verifiedAt: null,
    expiresAt: new Date(Date.now() + 55_000).toISOString(),
    office: null,
    counter: null,
    fields: [{ key: 'name', label: '姓名' }],
    ...patch,
  });

  it('shows a new verification without a reload: the list is read every few seconds while shown', async () => {
    jest.useFakeTimers();
    let verified = false;
    const calls = answerRequests(() =>
      ok({ items: [verified ? use({ verifiedAt: new Date().toISOString(), office: { id: 'o', name: '青石县政务服务中心' }, counter: { number: 1, name: '1号窗口' } }) : use()] }),
    );
    signIn();
    const page = render(<LicenceUsesPage />);
    await flush();
    expect(document.getElementById('licence-use-0-state')).toHaveTextContent('等待核验');
    verified = true;
    await act(async () => {
      jest.advanceTimersByTime(USES_POLL_MS);
    });
    expect(document.getElementById('licence-use-0-state')).toHaveTextContent('已核验');
    expect(document.getElementById('licence-use-0-where')).toHaveTextContent('青石县政务服务中心 1号窗口');
    expect(document.getElementById('licence-use-0-fields')).toHaveTextContent('对方看到：姓名');
    const reads = calls.length;
    page.unmount();
    await act(async () => {
      jest.advanceTimersByTime(USES_POLL_MS * 3);
    });
    expect(calls.length).toBe(reads);
  });

  it('lists a screen capture as 截屏, with nothing disclosed', async () => {
    answerRequests(() => ok({ items: [use({ id: 'cccccccc-0000-4000-8000-000000000002', kind: 'CAPTURE', purpose: { code: 'SCREEN_CAPTURE', name: '截屏' }, fields: [] }), use()] }));
    signIn();
    render(<LicenceUsesPage />);
    await flush();
    expect(document.getElementById('licence-use-0')).toHaveTextContent('截屏');
    expect(document.getElementById('licence-use-0-state')).toHaveTextContent('已记录');
    expect(document.getElementById('licence-use-0')).not.toHaveTextContent('对方');
    expect(document.getElementById('licence-use-1-state')).toHaveTextContent('等待核验');
  });

  it('lists the full number shown as 查看完整号码, with nothing disclosed', async () => {
    answerRequests(() => ok({ items: [use({ id: 'cccccccc-0000-4000-8000-000000000003', kind: 'REVEAL', purpose: { code: 'NUMBER_REVEAL', name: '查看完整号码' }, fields: [] })] }));
    signIn();
    render(<LicenceUsesPage />);
    await flush();
    expect(document.getElementById('licence-use-0')).toHaveTextContent('查看完整号码');
    expect(document.getElementById('licence-use-0')).not.toHaveTextContent('截屏');
    expect(document.getElementById('licence-use-0')).not.toHaveTextContent('对方');
  });
});

describe('核验亮证', () => {
  const clerk = { ...me, name: '赵雪梅', roles: ['CITIZEN' as const, 'CLERK' as const], officeId: '5eed0001-0000-4000-8000-000000000001' };
  const verification: LicenceVerification = {
    purpose: { code: 'S-0001', name: '居民身份证换领' },
    fields: [
      { key: 'name', label: '姓名', value: '陈思远' },
      { key: 'address', label: '住址', value: '青石县青云街道1号' },
    ],
    holder: { nameMasked: '陈**', idNumberMasked: '3612**********0318' },
    licence: { type: 'RESIDENT_ID', typeLabel: '居民身份证', status: 'VALID' },
    presentedOnBehalf: false,
    verifiedAt: '2026-11-23T01:30:00.000Z',
  };

  const open = async (reply: () => ReturnType<typeof ok>) => {
    const calls = answerRequests(({ url }) => (url === '/api/me' ? ok(clerk) : reply()));
    signIn();
    setMe(clerk);
    render(<LicenceVerifyPage />);
    fireEvent.input(await screen.findByLabelText('亮证码（扫码枪扫入或粘贴）'), { target: { value: ' a.b.c ' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '核验' })));
    return calls;
  };

  it('shows only the answered fields, the holder masked and the licence’s type and status', async () => {
    const calls = await open(() => ok(verification));
    expect(calls.find((c) => c.url === '/api/licence-verifications')).toMatchObject({ method: 'POST', data: { token: 'a.b.c' } });
    expect(document.getElementById('verify-passed')).toHaveTextContent('核验通过');
    expect(document.getElementById('verify-facts')).toHaveTextContent('陈** 3612**********0318');
    // Each kept whole on a narrow column: a line breaks between the name and the number, never inside the number.
    expect([...document.querySelectorAll('#verify-holder .palm-whole')].map((e) => e.textContent)).toEqual(['陈**', '3612**********0318']);
    expect(document.getElementById('verify-licence-status')).toHaveTextContent('有效');
    const fields = document.getElementById('verify-fields')!;
    expect(fields.textContent).toBe('姓名陈思远住址青石县青云街道1号');
  });

  it.each(Object.entries(VERIFY_REFUSAL_WORDS))('says %s in words', async (code, words) => {
    await open(() => fail(code === 'FORBIDDEN' ? 403 : code === 'LICENCE_TOKEN_USED' ? 409 : 422, code));
    expect(document.getElementById('verify-refusal')).toHaveTextContent(words);
    expect(document.getElementById('verify-refused')).toHaveTextContent('核验不通过');
    expect(document.getElementById('verify-result')).toBeNull();
    expect(taro.showToast).not.toHaveBeenCalled();
  });

  it('is for clerks only', async () => {
    answerRequests(() => ok(me));
    signIn();
    setMe(me);
    render(<LicenceVerifyPage />);
    expect(await screen.findByText('无权限')).toBeInTheDocument();
  });
});
