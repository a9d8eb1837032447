// A page for some roles only (the staff desk, the admin console): signed out, it asks to sign in
// with a work account; signed in without the role, it says 无权限 in words with a way back to 我的,
// and nothing is loaded. The BFF checks every call again; this only spares a citizen a dead page.
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState, type ReactNode } from 'react';
import type { Me } from '@palm/shared/server';
import { messageOf } from '../../api/errors';
import { getMe } from '../../api/me';
import { getSession, useSession } from '../../api/session';
import { openPage, PAGES } from '../../lib/routes';
import { Button } from '../button';
import { Card } from '../card';
import { ErrorState } from '../error-state';

export interface RoleGateProps {
  /** Ids: `${idPrefix}-signed-out`, `${idPrefix}-login`, `${idPrefix}-no-access`, `${idPrefix}-back`. */
  idPrefix: string;
  /** Who the page is for, as the sign-in card says it (反映工作台供大厅工作人员和主管使用). */
  signInWords: string;
  /** Why this person may not, and where their own things are. */
  noAccessWords: string;
  allows: (me: Me) => boolean;
  children: (me: Me) => ReactNode;
}

export function RoleGate({ idPrefix, signInWords, noAccessWords, allows, children }: RoleGateProps) {
  const { isSignedIn, me } = useSession();
  const [meError, setMeError] = useState<string | null>(null);
  const refreshMe = () => {
    if (!getSession().isSignedIn) return;
    setMeError(null);
    getMe({ isQuiet: true }).catch((failure: unknown) => setMeError(messageOf(failure)));
  };
  useDidShow(refreshMe);
  if (!isSignedIn) {
    return (
      <Card title='请先登录' id={`${idPrefix}-signed-out`}>
        <View className='palm-stack'>
          <Text>{`${signInWords}，请用工作账号登录。`}</Text>
          <Button id={`${idPrefix}-login`} isBlock onClick={() => openPage(PAGES.login)}>
            登录
          </Button>
        </View>
      </Card>
    );
  }
  if (meError) return <ErrorState message={meError} onRetry={refreshMe} />;
  if (!me) return <Text className='palm-secondary'>正在加载…</Text>;
  if (!allows(me)) {
    return (
      <Card title='无权限' id={`${idPrefix}-no-access`}>
        <View className='palm-stack'>
          <Text>{noAccessWords}</Text>
          <Button id={`${idPrefix}-back`} variant='secondary' isBlock onClick={() => openPage(PAGES.me)}>
            回到“我的”
          </Button>
        </View>
      </Card>
    );
  }
  return <>{children(me)}</>;
}
