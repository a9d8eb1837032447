// In place of a staff page for someone who may not use it: signed out, it says what the page is
// for and offers 登录; signed in without the role, it says 无权限, who uses it and where the person's
// own side is, with a way back to 我的 — nothing of the page is loaded. `me` is read afresh on each
// show, so a role given or taken since is seen. The BFF checks every call again; this only spares a
// citizen a dead page. Used by 窗口工作台, 核验亮证, 见证授权, the 反映工作台 and the 管理后台.
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

export interface StaffGateProps {
  /** Element ids: `${id}-signed-out`, `${id}-login`, `${id}-no-access`, `${id}-back`. */
  id: string;
  /** Who may pass. */
  allow: (me: Me) => boolean;
  /** Signed out: what the page is for and whose account to use (…请用工作账号登录。). */
  signedOutWords: string;
  /** Signed in without the role: who uses it and where the person's own side is. */
  noAccessWords: string;
  children: (me: Me) => ReactNode;
}

export function StaffGate({ id, allow, signedOutWords, noAccessWords, children }: StaffGateProps) {
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
      <Card title='请先登录' id={`${id}-signed-out`}>
        <View className='palm-stack'>
          <Text>{signedOutWords}</Text>
          <Button id={`${id}-login`} isBlock onClick={() => openPage(PAGES.login)}>
            登录
          </Button>
        </View>
      </Card>
    );
  }
  if (meError) return <ErrorState message={meError} onRetry={refreshMe} />;
  if (!me) return <Text className='palm-secondary'>正在加载…</Text>;
  if (!allow(me)) {
    return (
      <Card title='无权限' id={`${id}-no-access`}>
        <View className='palm-stack'>
          <Text>{noAccessWords}</Text>
          <Button id={`${id}-back`} variant='secondary' isBlock onClick={() => openPage(PAGES.me)}>
            回到“我的”
          </Button>
        </View>
      </Card>
    );
  }
  return <>{children(me)}</>;
}

/** A clerk (window staff). */
export const isClerkMe = (me: Me): boolean => me.roles.includes('CLERK');
