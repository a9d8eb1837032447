// The grants client: the paths and bodies the BFF's grants API takes, and never X-On-Behalf-Of —
// grants are always one's own, whatever a caller passes along.
import { acceptGrant, askGrantor, disputeActivity, inviteGrantee, listActivity, listGrants, rejectGrant, revokeGrant } from '../../src/api/grants';
import { answerRequests, ok, resetAll, signIn } from '../helpers';

beforeEach(resetAll);

describe('api/grants', () => {
  it('invites by the grantee’s phone and asks by the grantor’s, with the terms', async () => {
    signIn();
    const calls = answerRequests(() => ok({ id: 'g-1' }));
    await inviteGrantee('13800000001', { relation: '子女', scopes: ['APPOINTMENT', 'QUEUE'] });
    await askGrantor('13800000002', { relation: '子女', scopes: ['QUEUE'], validUntil: '2027-01-31' }, { onBehalfOf: 'someone' });
    expect(calls.map((c) => [c.method, c.url, c.data])).toEqual([
      ['POST', '/api/grants', { granteePhone: '13800000001', relation: '子女', scopes: ['APPOINTMENT', 'QUEUE'] }],
      ['POST', '/api/grants', { grantorPhone: '13800000002', relation: '子女', scopes: ['QUEUE'], validUntil: '2027-01-31' }],
    ]);
    expect(calls[1]!.header['X-On-Behalf-Of']).toBeUndefined();
  });

  it('lists a side, answers and ends grants, reads and disputes the activity log, all for oneself', async () => {
    signIn();
    const calls = answerRequests(() => ok({ items: [] }));
    const mine = { onBehalfOf: 'someone' };
    await listGrants('grantee', { state: 'live' }, mine);
    await acceptGrant('g/1', mine);
    await rejectGrant('g-2', mine);
    await revokeGrant('g-3', mine);
    await listActivity({ direction: 'for_me', cursor: '41' }, mine);
    await disputeActivity('42', mine);
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/grants?as=grantee&state=live',
      'POST /api/grants/g%2F1/accept',
      'POST /api/grants/g-2/reject',
      'POST /api/grants/g-3/revoke',
      'GET /api/me/activity?direction=for_me&cursor=41',
      'POST /api/me/activity/42/dispute',
    ]);
    for (const call of calls) expect(call.header['X-On-Behalf-Of']).toBeUndefined();
  });
});
