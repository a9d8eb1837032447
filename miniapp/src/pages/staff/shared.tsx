// Pieces both desk pages use: the sign-in / role gate and a deadline's tag in words and colour.
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState, type ReactNode } from 'react';
import type { Me } from '@palm/shared/server';
import { messageOf } from '../../api/errors';
import { getMe } from '../../api/me';
import { getSession, useSession } from '../../api/session';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { cx } from '../../components/class-names';
import { ErrorState } from '../../components/error-state';
import { openPage, PAGES } from '../../lib/routes';
import type { Report } from '../../api/desk';
import { dueOf, isStaff } from './model';

/** Staff only: a citizen is told in words and nothing is loaded. */
export function StaffGate({ children }: { children: (me: Me) => ReactNode }) {
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
      <Card title='请先登录' id='desk-signed-out'>
        <View className='palm-stack'>
          <Text>反映工作台供大厅工作人员和主管使用，请用工作账号登录。</Text>
          <Button id='desk-login' isBlock onClick={() => openPage(PAGES.login)}>
            登录
          </Button>
        </View>
      </Card>
    );
  }
  if (meError) return <ErrorState message={meError} onRetry={refreshMe} />;
  if (!me) return <Text className='palm-secondary'>正在加载…</Text>;
  if (!isStaff(me)) {
    return (
      <Card title='无权限' id='desk-no-access'>
        <Text>反映工作台由大厅工作人员和主管使用。您的反映请在“我的”中查看。</Text>
      </Card>
    );
  }
  return <>{children(me)}</>;
}

/** 逾期 / 即将到期 in words and colour, then the deadline itself. */
export function DueTag({ deadline, id }: { deadline: Report['deadline']; id?: string }) {
  const due = dueOf(deadline);
  if (due.tone === 'none') return null;
  return (
    <View id={id} className={cx('desk-due', `desk-due--${due.tone}`)}>
      {due.label ? <Text className='desk-due__label'>{due.tone === 'overdue' ? '⚠ ' : ''}{due.label}</Text> : null}
      <Text className='desk-due__words'>{due.words}</Text>
    </View>
  );
}
