// Acting for someone: the store (kept in storage, cleared on sign-out), X-On-Behalf-Of on every
// request but one's own, the drop back to oneself when the BFF refuses and the grant has ended, and
// the banner every page shell shows — in words and a shape, role=status, in both modes.
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { Text } from '@tarojs/components';
import { actFor, checkActingGrant, coverageWords } from '../../src/api/acting';
import { ACTING_STORAGE_KEY, getActingFor, getActingState, resetActingStore, startActing } from '../../src/api/acting-store';
import { getMe } from '../../src/api/me';
import { listGrants } from '../../src/api/grants';
import { listTickets } from '../../src/api/tickets';
import { completeSignIn } from '../../src/api/auth';
import { clearSession, setMe } from '../../src/api/session';
import { learnServerTime } from '../../src/lib/server-clock';
import { answerRequests, fail, me, MODES, ok, renderInMode, resetAll, signIn, taro } from '../helpers';
import { grant, MOTHER_ID } from '../pages/grant-fixtures';

beforeEach(resetAll);

describe('the acting store', () => {
  it('starts from an ACTIVE grant I hold, keeps it in storage and restores it; sign-out clears it', () => {
    expect(actFor(grant({ status: 'PENDING', actFor: null }))).toBe(false);
    expect(actFor(grant())).toBe(true);
    expect(getActingFor()).toMatchObject({ userId: MOTHER_ID, name: '张**', relation: '子女', scopes: ['APPOINTMENT', 'QUEUE'] });
    expect(JSON.parse(taro.getStorageSync(ACTING_STORAGE_KEY) as string)).toMatchObject({ userId: MOTHER_ID });
    resetActingStore();
    expect(getActingFor()?.userId).toBe(MOTHER_ID);
    clearSession();
    expect(getActingFor()).toBeNull();
    expect(taro.getStorageSync(ACTING_STORAGE_KEY)).toBeFalsy();
  });

  it('does not resume a stored grant past its end', () => {
    actFor(grant({ validUntil: '2000-01-01T00:00:00.000Z' }));
    resetActingStore();
    expect(getActingFor()).toBeNull();
  });

  it('is the signed-in person’s: another person signing in on this phone finds the app for themself', () => {
    const son = { ...me, id: 'b0b0b0b0-0000-4000-8000-000000000001', name: '李强' };
    setMe(son);
    expect(actFor(grant())).toBe(true);
    expect(getActingFor()?.ownerId).toBe(son.id);
    // The same person again (a sign-in, or me read again): still acting.
    completeSignIn({ accessToken: 'a', refreshToken: 'refresh-token-0000000001', expiresIn: 900, user: son });
    expect(getActingFor()?.userId).toBe(MOTHER_ID);
    // Someone else signs in (no sign-out in between): the mode is gone, from storage too.
    completeSignIn({ accessToken: 'b', refreshToken: 'refresh-token-0000000002', expiresIn: 900, user: { ...me, id: 'c0c0c0c0-0000-4000-8000-000000000002' } });
    expect(getActingFor()).toBeNull();
    expect(getActingState().endedReason).toBeNull();
    resetActingStore();
    expect(getActingFor()).toBeNull();
    // A stored mode from before the owner was kept is not resumed.
    taro.setStorageSync(ACTING_STORAGE_KEY, JSON.stringify({ userId: MOTHER_ID, grantId: 'g', name: '张**', relation: '子女', scopes: ['QUEUE'], services: [], validUntil: '2099-01-01T00:00:00.000Z' }));
    resetActingStore();
    expect(getActingFor()).toBeNull();
  });

  it('judges a stored grant’s end by the server’s clock, not the phone’s', () => {
    const phoneNow = Date.now();
    // The grant ends in an hour by the phone; the server is two hours ahead: it has ended.
    setMe(me);
    actFor(grant({ validUntil: new Date(phoneNow + 60 * 60_000).toISOString() }));
    resetActingStore();
    expect(getActingFor()).not.toBeNull();
    learnServerTime(phoneNow + 2 * 60 * 60_000, phoneNow, phoneNow);
    resetActingStore();
    expect(getActingFor()).toBeNull();
  });

  it('says what the grant covers in words, with the services it names', () => {
    expect(coverageWords({ scopes: ['APPOINTMENT', 'QUEUE'], services: [] })).toBe('预约、排队取号');
    expect(coverageWords({ scopes: ['QUEUE'], services: [{ id: 's', name: '身份证换领' }] })).toBe('排队取号，限：身份证换领');
  });
});

describe('X-On-Behalf-Of', () => {
  it('goes on every request while acting, except one’s own profile and grants', async () => {
    signIn();
    actFor(grant());
    const calls = answerRequests((call) => ok(call.url.startsWith('/api/me') ? { id: 'me' } : { items: [] }));
    await listTickets();
    await getMe();
    await listGrants('grantee');
    expect(calls.map((c) => [c.url, c.header['X-On-Behalf-Of']])).toEqual([
      ['/api/tickets', MOTHER_ID],
      ['/api/me', undefined],
      ['/api/grants?as=grantee', undefined],
    ]);
  });

  it('is not sent for oneself', async () => {
    signIn();
    const calls = answerRequests(() => ok({ items: [] }));
    await listTickets();
    expect(calls[0]!.header['X-On-Behalf-Of']).toBeUndefined();
  });

  it('a refusal after the grant was revoked drops back to oneself, with the reason in words', async () => {
    signIn();
    actFor(grant());
    const calls = answerRequests((call) => (call.url.startsWith('/api/grants') ? ok(grant({ status: 'REVOKED', actFor: null, actions: [] })) : fail(403, 'ON_BEHALF_NOT_ALLOWED')));
    await expect(listTickets({ isQuiet: true })).rejects.toMatchObject({ code: 'ON_BEHALF_NOT_ALLOWED' });
    await waitFor(() => expect(getActingFor()).toBeNull());
    expect(calls.find((c) => c.url.startsWith('/api/grants'))).toMatchObject({ method: 'GET', url: `/api/grants/${grant().id}` });
    expect(getActingState().endedReason).toBe('张** 的代办授权已结束（已撤销或已到期），现在回到您本人办理。');
  });

  it('a refusal of something the grant does not cover, while it is in force, keeps the mode', async () => {
    signIn();
    actFor(grant({ scopes: ['APPOINTMENT'] }));
    answerRequests(() => ok(grant({ scopes: ['APPOINTMENT'] })));
    await checkActingGrant(getActingFor()!);
    expect(getActingFor()?.userId).toBe(MOTHER_ID);
  });

  it('asks for the grant itself, not a page of a list: a grid worker with more than 50 grants stays acting', async () => {
    signIn();
    actFor(grant());
    // The first page of the list would not hold it; the BFF answers the grant by id.
    const calls = answerRequests((call) => (call.url === `/api/grants/${grant().id}` ? ok(grant()) : ok({ items: [], nextCursor: 'more' })));
    await checkActingGrant(getActingFor()!);
    expect(getActingFor()?.grantId).toBe(grant().id);
    expect(calls.map((c) => c.url)).toEqual([`/api/grants/${grant().id}`]);
  });

  it('drops back when the grant is not there (404), keeps the mode when there is no answer', async () => {
    signIn();
    actFor(grant());
    answerRequests(() => fail(503, 'SERVICE_UNAVAILABLE'));
    await checkActingGrant(getActingFor()!);
    expect(getActingFor()?.grantId).toBe(grant().id);
    answerRequests(() => fail(404, 'NOT_FOUND'));
    await checkActingGrant(getActingFor()!);
    expect(getActingFor()).toBeNull();
  });
});

describe.each(MODES)('the banner ($name)', ({ isElder }) => {
  it('shows 代 张** 办理, what it covers and 回到本人 on a page, as a status with an icon', () => {
    renderInMode(<Text>页面</Text>, isElder);
    expect(document.getElementById('acting-banner')).toBeNull();
    act(() => startActing({ userId: MOTHER_ID, grantId: 'g', name: '张**', relation: '子女', scopes: ['QUEUE'], services: [], validUntil: '2099-01-01T00:00:00.000Z', ownerId: null }));
    const banner = screen.getByRole('status');
    expect(banner).toHaveTextContent('代 张** 办理');
    expect(banner).toHaveTextContent('可办：排队取号');
    expect(banner.querySelector('[aria-hidden="true"]')).toHaveTextContent('⇄');
    fireEvent.click(screen.getByRole('button', { name: '回到本人，不再代 张** 办理' }));
    expect(getActingFor()).toBeNull();
    expect(document.getElementById('acting-banner')).toBeNull();
  });

  it('says in the same place why the app dropped back, until 知道了', async () => {
    signIn();
    renderInMode(<Text>页面</Text>, isElder);
    act(() => void actFor(grant()));
    answerRequests((call) => (call.url.startsWith('/api/grants') ? ok({ items: [grant({ status: 'REVOKED', actFor: null })] }) : fail(403, 'ON_BEHALF_NOT_ALLOWED')));
    await act(async () => {
      await listTickets({ isQuiet: true }).catch(() => undefined);
    });
    await waitFor(() => expect(document.getElementById('acting-ended')).toHaveTextContent('张** 的代办授权已结束'));
    fireEvent.click(screen.getByRole('button', { name: '知道了' }));
    expect(document.getElementById('acting-ended')).toBeNull();
  });
});
