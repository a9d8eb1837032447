// 我的网格 (网格员 / 代办员, issue 14 item 4): the worker's door-to-door tasks (上门帮办) and the
// roster of their grid's residents — masked, with each one's grant toward the worker in words and
// shape — where they ask a resident for consent or plan a visit. Only for grid workers; everyone
// else is told so in words (the BFF decides again on every request).
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { messageOf } from '../../api/errors';
import type { GridResident } from '../../api/grid';
import { getMe } from '../../api/me';
import { getSession, useSession } from '../../api/session';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { PageShell } from '../../components/page-shell';
import { SignInNeeded } from '../../components/sign-in-needed';
import { scrollTo } from '../../features/appointments/scroll';
import { RosterSection } from './roster-section';
import { TaskSection } from './task-section';
import { useRoster } from './use-roster';
import './index.scss';

function GridWork() {
  const roster = useRoster(true);
  const [planning, setPlanning] = useState<{ residentId?: string } | null>(null);
  const planFor = (resident: GridResident) => {
    setPlanning({ residentId: resident.id });
    scrollTo('#grid-plan');
  };
  return (
    <View className='palm-stack palm-stack--spaced'>
      <TaskSection residents={roster.items} planning={planning} onPlanning={setPlanning} />
      <RosterSection roster={roster} onPlan={planFor} />
    </View>
  );
}

export default function GridPage() {
  const { isSignedIn, me } = useSession();
  const [error, setError] = useState<string | null>(null);
  const refresh = () => {
    if (!getSession().isSignedIn) return;
    setError(null);
    getMe({ isQuiet: true }).catch((failure: unknown) => setError(messageOf(failure)));
  };
  useDidShow(refresh);

  const isGridWorker = me?.roles.includes('GRID_WORKER') ?? false;
  return (
    <PageShell title='我的网格' className='grid'>
      {!isSignedIn ? (
        <SignInNeeded id='grid-signed-out' title='查看网格前请先登录' />
      ) : error ? (
        <ErrorState message={error} onRetry={refresh} />
      ) : !me ? (
        <Text className='palm-secondary'>正在加载…</Text>
      ) : !isGridWorker ? (
        <Card id='grid-no-access' title='无权限'>
          <Text>我的网格仅供网格员和代办员使用。您的账号没有这个权限，如需开通请联系乡镇（街道）为民服务中心。</Text>
        </Card>
      ) : (
        <GridWork />
      )}
    </PageShell>
  );
}
