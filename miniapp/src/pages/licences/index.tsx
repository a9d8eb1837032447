// 证照 (我的 → 证照): my electronic licences from the provincial platform, numbers masked, each
// with its status in words and shape (有效 / 已注销 / 已过期, never colour alone) and its validity;
// a tap opens it (pages/licence: the number on request, 亮证, 使用记录); 从省平台同步证照 fetches
// one's own anew (issue 15: a sync on real-name binding and on demand). Acting for someone, their
// licences under a LICENCE_PRESENT grant (the acting gate says so otherwise).
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { canActIn, useActing } from '../../api/acting-store';
import { messageOf } from '../../api/errors';
import { listLicences, syncLicences, type LicenceView } from '../../api/licences';
import { getSession, useSession } from '../../api/session';
import { ActingGate } from '../../components/acting-gate';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { PageShell } from '../../components/page-shell';
import { SignInNeeded } from '../../components/sign-in-needed';
import { StatusTag } from '../../components/status-tag';
import { licenceStatusWords } from '../../features/licences/words';
import { openPage, PAGES } from '../../lib/routes';
import './index.scss';

export default function LicencesPage() {
  const { isSignedIn } = useSession();
  const { actingFor } = useActing();
  const [items, setItems] = useState<LicenceView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mayList = !actingFor || canActIn(actingFor, 'LICENCE_PRESENT');

  const load = async () => {
    if (!getSession().isSignedIn || !mayList) return;
    setError(null);
    try {
      setItems((await listLicences({ isQuiet: true })).items);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  useDidShow(() => void load());

  const [isSyncing, setIsSyncing] = useState(false);
  const [syncWords, setSyncWords] = useState<string | null>(null);
  const [syncError, setSyncError] = useState<string | null>(null);
  /** 从省平台同步: one's own licences only (the platform is asked by one's own name and ID number). */
  const sync = async () => {
    setIsSyncing(true);
    setSyncWords(null);
    setSyncError(null);
    try {
      const answer = await syncLicences({ isQuiet: true });
      setItems(answer.items);
      setSyncWords(answer.synced ? '已从省电子证照平台同步。' : '完成实名认证后才能从省电子证照平台同步证照（我的 → 实名认证）。');
    } catch (failure) {
      setSyncError(messageOf(failure));
    }
    setIsSyncing(false);
  };

  const title = actingFor ? `${actingFor.name} 的证照` : '我的证照';
  if (!isSignedIn) {
    return (
      <PageShell title={title}>
        <SignInNeeded id='licences-sign-in' title='登录后可以查看您的电子证照' />
      </PageShell>
    );
  }
  return (
    <PageShell title={title} className='licences'>
      <ActingGate scope='LICENCE_PRESENT' what='查看和出示证照' id='licences-gate'>
        <Text className='palm-secondary'>电子证照来自省电子证照平台，号码只显示部分数字。办事时点开证照，选择“亮证”给窗口扫码。</Text>
        <View className='palm-spacer' />
        {error ? <ErrorState id='licences-error' message={error} onRetry={() => void load()} /> : null}
        {items === null && !error ? <Text className='palm-secondary'>正在加载…</Text> : null}
        {items && items.length === 0 ? (
          <Text id='licences-empty' className='palm-secondary'>
            {actingFor ? `${actingFor.name} 还没有电子证照。` : '您还没有电子证照。完成实名认证后，证照会从省电子证照平台自动同步。'}
          </Text>
        ) : null}
        {actingFor ? null : (
          <View className='palm-stack licences__sync'>
            <Button id='licences-sync' variant='secondary' isBlock isLoading={isSyncing} onClick={() => void sync()}>
              从省平台同步证照
            </Button>
            {syncWords ? (
              <View id='licences-sync-result' className='palm-secondary' role='status'>
                {syncWords}
              </View>
            ) : null}
            {syncError ? <ErrorState id='licences-sync-error' message={syncError} onRetry={() => void sync()} /> : null}
          </View>
        )}
        {items?.map((licence, index) => {
          const status = licenceStatusWords(licence.status);
          return (
            <Card key={licence.id} id={`licence-${index}`}>
              <View className='licences__row' role='button' tabIndex={0} onClick={() => openPage(PAGES.licence, { id: licence.id })}>
                <View className='licences__main'>
                  <Text className='licences__type'>{licence.typeLabel}</Text>
                  <Text className='licences__number'>{licence.numberMasked}</Text>
                  <Text className='palm-secondary'>
                    有效期 <Text className='palm-whole'>{licence.validFrom}</Text>
                    {licence.validUntil ? (
                      <>
                        {' 至 '}
                        <Text className='palm-whole'>{licence.validUntil}</Text>
                      </>
                    ) : (
                      ' 起长期有效'
                    )}
                  </Text>
                  <View className='licences__status'>
                    <StatusTag id={`licence-${index}-status`} tone={status.tone} text={status.text} />
                  </View>
                </View>
                <Text className='licences__arrow' aria-hidden='true'>
                  ›
                </Text>
              </View>
            </Card>
          );
        })}
      </ActingGate>
    </PageShell>
  );
}
