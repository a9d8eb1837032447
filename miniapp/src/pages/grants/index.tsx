// 亲友代办 (我的 → 亲友代办): 我可以代办的人 — the grants I hold: 代TA办理 puts the whole app in
// "代 张** 办理" mode; invitations awaiting me with 接受 / 拒绝; 不再代办 — and 可以代我办的人 — the
// grants I gave, each with 撤销 confirmed in the page; then 邀请亲友 / 请亲友授权, and the ended
// ones folded away, each list with 加载更多 while the BFF has more. Grants are always my own: none
// of these calls goes on anyone's behalf.
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { actFor } from '../../api/acting';
import { stopActing, useActing } from '../../api/acting-store';
import { messageOf } from '../../api/errors';
import { acceptGrant, listGrants, rejectGrant, revokeGrant, type Grant } from '../../api/grants';
import { useSession } from '../../api/session';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { PageShell } from '../../components/page-shell';
import { SignInNeeded } from '../../components/sign-in-needed';
import { openPage, PAGES } from '../../lib/routes';
import { GrantRow, type GrantMove } from './grant-row';
import { InviteForm } from './invite-form';
import './index.scss';

interface Lists {
  asGrantee: Grant[];
  asGrantor: Grant[];
  ended: Grant[];
  /** Where each list goes on (50 a page: a grid worker may act for hundreds). */
  granteeCursor?: string;
  grantorCursor?: string;
  /** The ended list is both sides' ended grants, newest first: each side pages on by its own cursor. */
  endedGranteeCursor?: string;
  endedGrantorCursor?: string;
}

type Side = 'grantee' | 'grantor';
/** A list with 加载更多: one side's live grants, or the ended ones of both sides. */
type ListName = Side | 'ended';

/** Ended grants, the latest ended first. */
const byEnd = (grants: Grant[]): Grant[] => [...grants].sort((a, b) => (b.endedAt ?? b.createdAt).localeCompare(a.endedAt ?? a.createdAt));

async function loadLists(): Promise<Lists> {
  const [asGrantee, asGrantor, endedGrantee, endedGrantor] = await Promise.all([
    listGrants('grantee', { state: 'live' }, { isQuiet: true }),
    listGrants('grantor', { state: 'live' }, { isQuiet: true }),
    listGrants('grantee', { state: 'ended' }, { isQuiet: true }),
    listGrants('grantor', { state: 'ended' }, { isQuiet: true }),
  ]);
  return {
    asGrantee: asGrantee.items,
    asGrantor: asGrantor.items,
    ended: byEnd([...endedGrantee.items, ...endedGrantor.items]),
    granteeCursor: asGrantee.nextCursor,
    grantorCursor: asGrantor.nextCursor,
    endedGranteeCursor: endedGrantee.nextCursor,
    endedGrantorCursor: endedGrantor.nextCursor,
  };
}

/** The next page of `list` appended to `now` (the ended one: the next page of each side that has more). */
async function nextPage(now: Lists, list: ListName): Promise<(lists: Lists) => Lists> {
  if (list !== 'ended') {
    const page = await listGrants(list, { state: 'live', cursor: list === 'grantee' ? now.granteeCursor : now.grantorCursor }, { isQuiet: true });
    return (lists) =>
      list === 'grantee'
        ? { ...lists, asGrantee: [...lists.asGrantee, ...page.items], granteeCursor: page.nextCursor }
        : { ...lists, asGrantor: [...lists.asGrantor, ...page.items], grantorCursor: page.nextCursor };
  }
  const more = (side: Side, cursor: string | undefined) => (cursor ? listGrants(side, { state: 'ended', cursor }, { isQuiet: true }) : Promise.resolve(null));
  const [asGrantee, asGrantor] = await Promise.all([more('grantee', now.endedGranteeCursor), more('grantor', now.endedGrantorCursor)]);
  return (lists) => ({
    ...lists,
    ended: byEnd([...lists.ended, ...(asGrantee?.items ?? []), ...(asGrantor?.items ?? [])]),
    endedGranteeCursor: asGrantee ? asGrantee.nextCursor : lists.endedGranteeCursor,
    endedGrantorCursor: asGrantor ? asGrantor.nextCursor : lists.endedGrantorCursor,
  });
}

/** Whether `list` has more to load. */
const hasMore = (lists: Lists, list: ListName): boolean =>
  Boolean(list === 'grantee' ? lists.granteeCursor : list === 'grantor' ? lists.grantorCursor : lists.endedGranteeCursor || lists.endedGrantorCursor);

const DONE_WORDS: Record<Exclude<GrantMove, 'act'>, string> = { accept: '已接受', reject: '已拒绝', revoke: '已撤销' };

export default function GrantsPage() {
  const { isSignedIn } = useSession();
  const { actingFor } = useActing();
  const [lists, setLists] = useState<Lists | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [moveError, setMoveError] = useState<{ grantId: string; message: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [isHistoryOpen, setIsHistoryOpen] = useState(false);
  const [loadingMore, setLoadingMore] = useState<ListName | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);

  const refresh = () => {
    if (!isSignedIn) return;
    setLoadError(null);
    loadLists().then(setLists, (failure: unknown) => setLoadError(messageOf(failure)));
  };
  useDidShow(refresh);

  const move = async (grant: Grant, what: GrantMove) => {
    setMoveError(null);
    setDone(null);
    if (what === 'act') {
      if (actFor(grant)) openPage(PAGES.me);
      return;
    }
    setBusyId(grant.id);
    try {
      const after = await (what === 'accept' ? acceptGrant : what === 'reject' ? rejectGrant : revokeGrant)(grant.id, { isQuiet: true });
      // Stepping down from the grant the app acts under ends the mode at once.
      if (what === 'revoke' && actingFor?.grantId === grant.id) stopActing();
      setDone(`${DONE_WORDS[what]}：${after.other.name}`);
      refresh();
    } catch (failure) {
      setMoveError({ grantId: grant.id, message: messageOf(failure) });
      refresh();
    } finally {
      setBusyId(null);
    }
  };

  /** 加载更多: the next page of one list, appended. */
  const loadMore = async (list: ListName) => {
    if (!lists || !hasMore(lists, list)) return;
    setMoreError(null);
    setLoadingMore(list);
    try {
      const append = await nextPage(lists, list);
      setLists((now) => (now === null ? now : append(now)));
    } catch (failure) {
      setMoreError(messageOf(failure));
    } finally {
      setLoadingMore(null);
    }
  };

  const more = (list: ListName) =>
    lists && hasMore(lists, list) ? (
      <Button id={`grants-${list}-more`} variant='secondary' isBlock isLoading={loadingMore === list} onClick={() => void loadMore(list)}>
        加载更多
      </Button>
    ) : null;

  const rows = (grants: Grant[], prefix: string) =>
    grants.map((grant, index) => (
      <View key={grant.id}>
        <GrantRow grant={grant} idPrefix={`${prefix}-${index}`} isActingNow={actingFor?.grantId === grant.id} busy={busyId === grant.id} onMove={(g, m) => void move(g, m)} />
        {moveError?.grantId === grant.id ? <ErrorState id={`${prefix}-${index}-error`} message={moveError.message} /> : null}
      </View>
    ));

  if (!isSignedIn) {
    return (
      <PageShell title='亲友代办'>
        <SignInNeeded id='grants-sign-in' title='登录后可以管理亲友代办' />
      </PageShell>
    );
  }

  return (
    <PageShell title='亲友代办'>
      <Text className='palm-secondary'>授权亲友替您预约、取号；每次代办您都会收到消息，随时可以撤销。</Text>
      {loadError ? <ErrorState id='grants-error' message={loadError} onRetry={refresh} /> : null}
      {!lists && !loadError ? <Text className='palm-secondary'>正在加载…</Text> : null}
      {done ? (
        <View id='grants-done' className='grants__sent' role='status'>
          {`✓ ${done}`}
        </View>
      ) : null}
      {lists ? (
        <>
          <Card id='grants-grantee' title='我可以代办的人'>
            {lists.asGrantee.length === 0 ? <Text className='palm-secondary'>还没有人授权您代办。可以在下面请亲友授权。</Text> : rows(lists.asGrantee, 'grantee')}
            {more('grantee')}
          </Card>
          <Card id='grants-grantor' title='可以代我办的人'>
            {lists.asGrantor.length === 0 ? <Text className='palm-secondary'>您还没有授权别人代办。</Text> : rows(lists.asGrantor, 'grantor')}
            {more('grantor')}
          </Card>
          {moreError ? <ErrorState id='grants-more-error' message={moreError} /> : null}
          <InviteForm onSent={refresh} />
          <Button id='grants-activity' variant='secondary' isBlock onClick={() => openPage(PAGES.activity)}>
            查看授权记录
          </Button>
          {lists.ended.length > 0 ? (
            <Card id='grants-ended'>
              <Button id='grants-ended-toggle' variant='text' isExpanded={isHistoryOpen} onClick={() => setIsHistoryOpen((open) => !open)}>
                {`${isHistoryOpen ? '收起' : '展开'}已结束的授权（${hasMore(lists, 'ended') ? `已显示${lists.ended.length}条，还有更多` : lists.ended.length}）`}
              </Button>
              {isHistoryOpen ? rows(lists.ended, 'ended') : null}
              {isHistoryOpen ? more('ended') : null}
            </Card>
          ) : null}
        </>
      ) : null}
    </PageShell>
  );
}
