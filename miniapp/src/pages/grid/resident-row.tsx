// One resident on the roster: masked name and age band, the masked ID number, whether they have a
// phone, their grant toward the worker as a status tag (words + shape), and what the worker can do
// next — ask for consent (confirmed in the page), plan a visit, or, for someone without a phone,
// the way to a witnessed consent at a window.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ApiError } from '../../api/errors';
import { startActing } from '../../api/acting-store';
import { requestConsent, type GridResident } from '../../api/grid';
import { getSession } from '../../api/session';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { StatusTag } from '../../components/status-tag';
import { GRID_CONSENT_DAYS, GRID_DEFAULT_SCOPES, type GrantScopeKey } from '@palm/shared';
import { openPage, PAGES } from '../../lib/routes';
import { grantTag, mayAsk, mayPlan, residentName, scopeWords } from './words';

export interface ResidentRowProps {
  resident: GridResident;
  index: number;
  onChange: (resident: GridResident) => void;
  onPlan: (resident: GridResident) => void;
}

export function ResidentRow({ resident, index, onChange, onPlan }: ResidentRowProps) {
  const [isAsking, setIsAsking] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isSent, setIsSent] = useState(false);
  const tag = grantTag(resident.grant);
  const id = `grid-resident-${index}`;
  const name = resident.nameMasked ?? '该居民';

  const ask = async () => {
    setIsBusy(true);
    setError(null);
    try {
      const changed = await requestConsent(resident.id, {}, { isQuiet: true });
      setIsAsking(false);
      setIsSent(true);
      onChange(changed);
    } catch (failure) {
      setError((failure instanceof ApiError ? failure : new ApiError('INTERNAL', 0)).message);
    }
    setIsBusy(false);
  };

  // 代他办理: the whole app acts for the resident under the grant in force (the banner on every page).
  const actFor = () => {
    const { grant } = resident;
    if (grant.state !== 'ACTIVE' || !grant.id || !grant.validUntil) return;
    startActing({ userId: resident.id, grantId: grant.id, name, relation: grant.relation ?? '网格员', scopes: grant.scopes as GrantScopeKey[], services: [], validUntil: grant.validUntil, ownerId: getSession().me?.id ?? null });
    openPage(PAGES.index);
  };

  return (
    <View id={id} className='grid__resident' data-grant={resident.grant.state}>
      <View className='grid__resident-head'>
        <Text className='grid__resident-name'>{residentName(resident)}</Text>
        <StatusTag id={`${id}-grant`} tone={tag.tone} text={tag.text} detail={tag.detail} />
      </View>
      <Text className='palm-secondary grid__line'>{`身份证 ${resident.idNumberMasked ?? '未登记'} · ${resident.hasPhone ? '有手机' : '无手机'}`}</Text>
      {resident.grant.state === 'ACTIVE' ? <Text className='palm-secondary grid__line'>{`可代办：${scopeWords(resident.grant.scopes)}`}</Text> : null}
      {resident.grant.state === 'PENDING' ? (
        <Text id={`${id}-waiting`} className='grid__line'>{isSent ? `已发送授权请求，等待${name}在自己的手机上确认。` : `已请求授权，等待${name}在手机上确认。`}</Text>
      ) : null}
      {!resident.hasPhone && !mayPlan(resident) ? <Text className='grid__line'>没有手机：请陪同居民带身份证到窗口办理见证授权。</Text> : null}
      {error ? <ErrorState id={`${id}-error`} message={error} /> : null}
      {isAsking ? (
        <Card id={`${id}-ask-confirm`} title={`向${name}请求授权吗？`} isNotice>
          <View className='palm-stack'>
            <Text className='grid__line'>{`请求代办：${scopeWords(GRID_DEFAULT_SCOPES)}，有效期${GRID_CONSENT_DAYS}天。${name}在自己的手机上确认后生效，可以随时撤销。`}</Text>
            <Button id={`${id}-ask-yes`} isBlock isLoading={isBusy} onClick={() => void ask()}>
              确认发送请求
            </Button>
            <Button id={`${id}-ask-no`} variant='secondary' isBlock onClick={() => setIsAsking(false)}>
              先不发送
            </Button>
          </View>
        </Card>
      ) : (
        <View className='grid__actions'>
          {mayAsk(resident) ? (
            <Button id={`${id}-ask`} variant='secondary' onClick={() => setIsAsking(true)}>
              请求授权
            </Button>
          ) : null}
          {resident.grant.state === 'ACTIVE' ? (
            <Button id={`${id}-act`} onClick={actFor}>
              {`代${name}办理`}
            </Button>
          ) : null}
          {mayPlan(resident) ? (
            <Button id={`${id}-plan`} variant='secondary' onClick={() => onPlan(resident)}>
              安排上门
            </Button>
          ) : null}
        </View>
      )}
    </View>
  );
}
