// 我的: what is in progress (办理中), who is signed in (masked), the 长辈版 switch (its second entry after 首页, DESIGN.md §4),
// 请评价 (handlings waiting for a rating), 我的反映 (办不成事), 我的证照, 亲友代办 (with invitations waiting for an answer) and 授权记录, settings, and sign-in / sign-out.
// While acting for someone, 办理中, 我的排队 and 我的预约 are that person's: the page says so.
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { stopActing, useActing } from '../../api/acting-store';
import { signOut } from '../../api/auth';
import { messageOf } from '../../api/errors';
import { listGrants } from '../../api/grants';
import { getMe } from '../../api/me';
import { getSession, useSession } from '../../api/session';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { Cell } from '../../components/cell';
import { ElderChoice } from '../../components/elder-offer';
import { ErrorState } from '../../components/error-state';
import { PageShell } from '../../components/page-shell';
import { mayUseConsole } from '../../features/admin/roles';
import { InProgressCard } from '../../features/in-progress/in-progress-card';
import { PendingRatingsCard } from '../../features/reports/pending-card';
import { ADMIN_PAGES, openPage, PAGES, STAFF_PAGES } from '../../lib/routes';
import { ProfileCard } from './profile-card';

export default function MePage() {
  const { isSignedIn, me } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [isSigningOut, setIsSigningOut] = useState(false);
  const { actingFor } = useActing();
  /** Invitations and requests waiting for my answer (a message about one leads here, then to 亲友代办). */
  const [awaitingMe, setAwaitingMe] = useState(0);

  const refresh = () => {
    if (!getSession().isSignedIn) return;
    setError(null);
    getMe({ isQuiet: true }).catch((failure: unknown) => setError(messageOf(failure)));
    Promise.all([listGrants('grantee', { state: 'live' }, { isQuiet: true }), listGrants('grantor', { state: 'live' }, { isQuiet: true })]).then(
      // A summary never takes the page down: an answer without a list counts as an empty one.
      (lists) => setAwaitingMe(lists.flatMap((l) => l.items ?? []).filter((g) => g?.awaiting === 'ME').length),
      () => setAwaitingMe(0),
    );
  };
  useDidShow(refresh);

  const logout = async () => {
    setIsSigningOut(true);
    await signOut();
    setIsSigningOut(false);
  };

  return (
    <PageShell title='我的'>
      {actingFor ? (
        <Card id='me-acting' title={`正在代 ${actingFor.name} 办理`}>
          <View className='palm-stack'>
            <Text>{`下面的办理中、排队和预约都是 ${actingFor.name} 的。您自己的，请先回到本人。`}</Text>
            <Button id='me-acting-stop' variant='secondary' isBlock onClick={() => stopActing()}>
              回到本人
            </Button>
          </View>
        </Card>
      ) : null}
      <InProgressCard idPrefix='me' />
      {isSignedIn ? <PendingRatingsCard idPrefix='me' /> : null}
      {error ? <ErrorState message={error} onRetry={refresh} /> : null}
      {isSignedIn && me ? <ProfileCard me={me} /> : null}
      {isSignedIn && !me && !error ? <Text className='palm-secondary'>正在加载…</Text> : null}
      {isSignedIn ? null : (
        <Card title='您还没有登录'>
          <View className='palm-stack'>
            <Text className='palm-secondary'>登录后可以保存长辈版等设置，在微信、支付宝和网页上通用。</Text>
            <Button id='login-button' isBlock onClick={() => openPage(PAGES.login)}>
              登录
            </Button>
          </View>
        </Card>
      )}
      <ElderChoice idPrefix='me' switchId='me-elder-switch' />
      <Card>
        <Cell id='me-tickets' title={actingFor ? `${actingFor.name} 的排队` : '我的排队'} description='今天的排队号、前面还有几人' isLink onClick={() => openPage(PAGES.tickets)} />
        <Cell id='me-appointments' title={actingFor ? `${actingFor.name} 的预约` : '我的预约'} description='预约码、签到、取消或改约' isLink onClick={() => openPage(PAGES.appointments)} />
        {isSignedIn ? (
          <Cell
            id='me-grants'
            title='亲友代办'
            description={awaitingMe > 0 ? `！有 ${awaitingMe} 个代办邀请或申请等您答复` : '请亲友代办、代亲友办理、撤销授权'}
            isLink
            onClick={() => openPage(PAGES.grants)}
          />
        ) : null}
        {isSignedIn ? (
          <Cell id='me-licences' title={actingFor ? `${actingFor.name} 的证照` : '我的证照'} description='电子证照、亮证、使用记录' isLink onClick={() => openPage(PAGES.licences)} />
        ) : null}
        {isSignedIn ? (
          <Cell id='me-reports' title={actingFor ? `${actingFor.name} 的反映` : '我的反映'} description='办不成事的反映、处理进展和期限' isLink onClick={() => openPage(PAGES.reports)} />
        ) : null}
        {isSignedIn ? <Cell id='me-activity' title='授权记录' description='别人代我办了什么，我代别人办了什么' isLink onClick={() => openPage(PAGES.activity)} /> : null}
        <Cell id='me-settings' title='设置' description='长辈版、字体大小' isLink onClick={() => openPage(PAGES.settings)} />
        <Cell id='me-offices' title='附近大厅' isLink onClick={() => openPage(PAGES.offices)} />
        {/* Grid workers: their roster and door-to-door tasks (the BFF checks the role again). */}
        {me?.roles.includes('GRID_WORKER') ? <Cell id='me-grid' title='我的网格' description='居民名单、请求授权、上门帮办' isLink onClick={() => openPage(PAGES.grid)} /> : null}
        {/* Window staff: the panel is one tap from 我的 (the BFF checks the role again). */}
        {me?.roles.some((role) => role === 'CLERK' || role === 'SUPERVISOR') ? (
          <Cell id='me-counter' title='窗口工作台' description='叫号、过号、转办、窗口取号' isLink onClick={() => openPage(PAGES.counter)} />
        ) : null}
        {me?.roles.some((role) => role === 'CLERK' || role === 'SUPERVISOR' || role === 'ADMIN') ? (
          <Cell id='me-desk' title='反映工作台' description='办不成事反映、整改回访、统计' isLink onClick={() => openPage(STAFF_PAGES.desk)} />
        ) : null}
        {/* Admins and hall managers: the console (the BFF checks the role again). */}
        {me && mayUseConsole(me) ? <Cell id='me-console' title='管理后台' description='办公时间、闭厅日、节假日安排' isLink onClick={() => openPage(ADMIN_PAGES.console)} /> : null}
      </Card>
      {isSignedIn ? (
        <Button id='logout-button' variant='danger' isBlock isLoading={isSigningOut} onClick={() => void logout()}>
          退出登录
        </Button>
      ) : null}
    </PageShell>
  );
}
