// One grant in a list: the other person (masked), who they are, what it covers, its state in words
// and shape, and what I may do now — every change confirmed in the page, never in a pop-up.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { coverageWords } from '../../api/acting';
import type { GrantScopeKey } from '@palm/shared';
import type { Grant } from '../../api/grants';
import { Button } from '../../components/button';
import { StatusTag } from '../../components/status-tag';
import { grantState } from '../../features/grants/words';
import '../../components/record-list/index.scss';
import '../../features/grants/list.scss';

export type GrantMove = 'accept' | 'reject' | 'revoke' | 'act';

export interface GrantRowProps {
  grant: Grant;
  idPrefix: string;
  isActingNow: boolean;
  busy: boolean;
  onMove: (grant: Grant, move: GrantMove) => void;
}

/** What 撤销 is called on each side and state, and what its confirmation says. */
function revokeWords(grant: Grant): { button: string; confirm: string; yes: string } {
  if (grant.status === 'PENDING') return { button: '撤回', confirm: `撤回给 ${grant.other.name} 的${grant.as === 'GRANTOR' ? '邀请' : '申请'}吗？`, yes: '确认撤回' };
  if (grant.as === 'GRANTEE') return { button: '不再代办', confirm: `不再代 ${grant.other.name} 办理吗？之后需要对方重新授权。`, yes: '确认不再代办' };
  return { button: '撤销授权', confirm: `撤销后 ${grant.other.name} 马上不能再代您办理。确定撤销吗？`, yes: '确认撤销' };
}

export function GrantRow({ grant, idPrefix, isActingNow, busy, onMove }: GrantRowProps) {
  const [isConfirming, setIsConfirming] = useState(false);
  const state = grantState(grant);
  const who = grant.as === 'GRANTOR' ? `您的${grant.relation}` : `您是对方的${grant.relation}`;
  const revoke = revokeWords(grant);
  const can = (action: Grant['actions'][number]) => grant.actions.includes(action);
  return (
    <View id={idPrefix} className='record-list__row'>
      <View className='record-list__head'>
        <Text className='record-list__strong palm-font-large'>{grant.other.name}</Text>
        <StatusTag tone={state.tone} text={state.text} />
      </View>
      <Text className='palm-secondary'>{`${who}${grant.other.phoneMasked ? `，手机 ${grant.other.phoneMasked}` : ''}`}</Text>
      <Text>{`可办：${coverageWords({ scopes: grant.scopes as GrantScopeKey[], services: grant.services })}`}</Text>
      {isConfirming ? (
        <View id={`${idPrefix}-confirm`} className='grant-list__confirm' role='group' aria-label={revoke.button}>
          <Text className='grant-list__confirm-text'>{revoke.confirm}</Text>
          <Button id={`${idPrefix}-confirm-yes`} variant='danger' isBlock isLoading={busy} onClick={() => onMove(grant, 'revoke')}>
            {revoke.yes}
          </Button>
          <Button id={`${idPrefix}-confirm-no`} variant='secondary' isBlock onClick={() => setIsConfirming(false)}>
            不用了
          </Button>
        </View>
      ) : (
        <View className='grant-list__actions'>
          {grant.as === 'GRANTEE' && grant.status === 'ACTIVE' ? (
            isActingNow ? (
              <Text id={`${idPrefix}-acting`} className='record-list__strong'>✓ 正在代办</Text>
            ) : (
              <Button id={`${idPrefix}-act`} isBlock onClick={() => onMove(grant, 'act')}>
                {`代 ${grant.other.name} 办理`}
              </Button>
            )
          ) : null}
          {can('accept') ? (
            <Button id={`${idPrefix}-accept`} isBlock isLoading={busy} onClick={() => onMove(grant, 'accept')}>
              {grant.as === 'GRANTEE' ? '接受' : '同意'}
            </Button>
          ) : null}
          {can('reject') ? (
            <Button id={`${idPrefix}-reject`} variant='secondary' isBlock isLoading={busy} onClick={() => onMove(grant, 'reject')}>
              拒绝
            </Button>
          ) : null}
          {can('revoke') ? (
            <Button id={`${idPrefix}-revoke`} variant='secondary' isBlock onClick={() => setIsConfirming(true)}>
              {revoke.button}
            </Button>
          ) : null}
        </View>
      )}
    </View>
  );
}
