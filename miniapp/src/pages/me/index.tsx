// 我的: what is in progress (办理中), who is signed in (masked), the 长辈版 switch (its second entry after 首页, DESIGN.md §4),
// settings, and sign-in / sign-out.
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { signOut } from '../../api/auth';
import { messageOf } from '../../api/errors';
import { getMe } from '../../api/me';
import { getSession, useSession } from '../../api/session';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { Cell } from '../../components/cell';
import { ElderChoice } from '../../components/elder-offer';
import { ErrorState } from '../../components/error-state';
import { PageShell } from '../../components/page-shell';
import { InProgressCard } from '../../features/in-progress/in-progress-card';
import { openPage, PAGES } from '../../lib/routes';
import { ProfileCard } from './profile-card';

export default function MePage() {
  const { isSignedIn, me } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [isSigningOut, setIsSigningOut] = useState(false);

  const refresh = () => {
    if (!getSession().isSignedIn) return;
    setError(null);
    getMe({ isQuiet: true }).catch((failure: unknown) => setError(messageOf(failure)));
  };
  useDidShow(refresh);

  const logout = async () => {
    setIsSigningOut(true);
    await signOut();
    setIsSigningOut(false);
  };

  return (
    <PageShell title='我的'>
      <InProgressCard idPrefix='me' />
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
        <Cell id='me-tickets' title='我的排队' description='今天的排队号、前面还有几人' isLink onClick={() => openPage(PAGES.tickets)} />
        <Cell id='me-appointments' title='我的预约' description='预约码、签到、取消或改约' isLink onClick={() => openPage(PAGES.appointments)} />
        <Cell id='me-settings' title='设置' description='长辈版、字体大小' isLink onClick={() => openPage(PAGES.settings)} />
        <Cell id='me-offices' title='附近大厅' isLink onClick={() => openPage(PAGES.offices)} />
        {/* Grid workers: their roster and door-to-door tasks (the BFF checks the role again). */}
        {me?.roles.includes('GRID_WORKER') ? <Cell id='me-grid' title='我的网格' description='居民名单、请求授权、上门帮办' isLink onClick={() => openPage(PAGES.grid)} /> : null}
        {/* Window staff: the panel is one tap from 我的 (the BFF checks the role again). */}
        {me?.roles.some((role) => role === 'CLERK' || role === 'SUPERVISOR') ? (
          <Cell id='me-counter' title='窗口工作台' description='叫号、过号、转办、窗口取号' isLink onClick={() => openPage(PAGES.counter)} />
        ) : null}
      </Card>
      {isSignedIn ? (
        <Button id='logout-button' variant='danger' isBlock isLoading={isSigningOut} onClick={() => void logout()}>
          退出登录
        </Button>
      ) : null}
    </PageShell>
  );
}
