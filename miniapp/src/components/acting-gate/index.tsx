// While acting for someone, a part of the app the grant does not cover says so in words instead of
// offering what the BFF would refuse: 取号 needs 排队取号 (QUEUE), 预约 needs 预约 (APPOINTMENT).
// One tap back to oneself. Outside the mode, or within the grant, it shows its children.
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { GRANT_SCOPE_LABELS, type GrantScopeKey } from '@palm/shared';
import { canActIn, stopActing, useActing } from '../../api/acting-store';
import { Button } from '../button';
import { Card } from '../card';

export interface ActingGateProps {
  scope: GrantScopeKey;
  /** What the page does, in words: 取号, 预约, 查看排队号. */
  what: string;
  /** Shown when the mode allows it; absent: the gate only explains (the page hides its own parts). */
  children?: ReactNode;
  id?: string;
}

export function ActingGate({ scope, what, children, id = 'acting-gate' }: ActingGateProps) {
  const { actingFor } = useActing();
  if (canActIn(actingFor, scope) || !actingFor) return <>{children}</>;
  return (
    <Card id={id} title={`不能代 ${actingFor.name} ${what}`}>
      <View className='palm-stack'>
        <Text>{`${actingFor.name} 给您的授权不含“${GRANT_SCOPE_LABELS[scope]}”，所以不能代其${what}。需要的话，请对方在“我的 → 亲友代办”里重新授权。`}</Text>
        <Button id={`${id}-stop`} variant='secondary' isBlock onClick={() => stopActing()}>
          回到本人办理
        </Button>
      </View>
    </Card>
  );
}
