// 离线核验 (H5 only: a window PC's browser): fetches the published keys (/.well-known/jwks.json)
// once and keeps them in this browser, then checks a pasted 亮证 code with `jose` with the network
// off — signature, type, audience, expiry (±30 s). It says plainly what it cannot check: whether
// the code was already used, and whether the licence was revoked since; those need 核验亮证 online.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { messageOf } from '../../api/errors';
import { getLicenceJwks } from '../../api/licences';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { PageShell } from '../../components/page-shell';
import { StatusTag } from '../../components/status-tag';
import { TextField } from '../../components/text-field';
import { JWKS_STORAGE_KEY, parseSavedKeys, verifyOffline, type OfflineCheck, type SavedKeys } from '../../features/licences/offline-verify';
import { clockWords } from '../../features/licences/words';
import { knowsServerTime, serverNow } from '../../lib/server-clock';
import './index.scss';

const readSaved = (): SavedKeys | null => parseSavedKeys(Taro.getStorageSync(JWKS_STORAGE_KEY));

/** Now by the server's clock: learned this session, else the device's corrected as when the keys came. */
const checkingNow = (saved: SavedKeys | null): number => (knowsServerTime() || !saved ? serverNow() : Date.now() + saved.offset);

export default function LicenceOfflinePage() {
  const [saved, setSaved] = useState<SavedKeys | null>(readSaved);
  const [fetchError, setFetchError] = useState<string | null>(null);
  const [isFetching, setIsFetching] = useState(false);
  const [token, setToken] = useState('');
  const [check, setCheck] = useState<OfflineCheck | null>(null);
  const [isChecking, setIsChecking] = useState(false);

  const fetchKeys = async () => {
    setFetchError(null);
    setIsFetching(true);
    try {
      const { keys } = await getLicenceJwks({ isQuiet: true });
      const next: SavedKeys = { keys: keys as SavedKeys['keys'], savedAt: serverNow(), offset: serverNow() - Date.now() };
      Taro.setStorageSync(JWKS_STORAGE_KEY, JSON.stringify(next));
      setSaved(next);
    } catch (failure) {
      setFetchError(messageOf(failure));
    }
    setIsFetching(false);
  };

  // Once: keys are fetched when none are kept yet (and the network is there).
  useDidShow(() => {
    if (!readSaved()) void fetchKeys();
  });

  const verify = async () => {
    setIsChecking(true);
    setCheck(await verifyOffline(token, saved, checkingNow(saved)));
    setIsChecking(false);
  };

  return (
    <PageShell title='离线核验亮证' className='offline'>
      <Card id='offline-limits' isNotice title='离线核验能查什么'>
        <View className='palm-stack'>
          <Text>能查：亮证码确由掌上办签发、没有被改动、用途和类型正确、在有效期内（允许30秒时钟误差）。</Text>
          <Text id='offline-cannot' className='offline__cannot'>
            不能查：这个码是否已经被核验过（每个码只能用一次），以及证照是否已被注销。这两项必须联网核验（窗口工作台 → 核验亮证）。离线核验通过，不等于可以办理。
          </Text>
        </View>
      </Card>

      <Card id='offline-keys' title='签名公钥'>
        <View className='palm-stack'>
          {saved ? (
            <StatusTag id='offline-keys-state' tone='open' text={`已保存 ${saved.keys.length} 把公钥`} detail={`· 获取于 ${clockWords(saved.savedAt)}`} />
          ) : (
            <StatusTag id='offline-keys-state' tone='notice' text='还没有保存公钥' />
          )}
          <Text className='palm-secondary offline__line'>公钥保存在这台电脑的浏览器里，断网也能用。签名密钥轮换后，请联网重新获取。</Text>
          {fetchError ? <ErrorState id='offline-keys-error' message={fetchError} onRetry={() => void fetchKeys()} /> : null}
          <Button id='offline-fetch' variant='secondary' isBlock isLoading={isFetching} onClick={() => void fetchKeys()}>
            {saved ? '重新获取公钥' : '获取公钥'}
          </Button>
        </View>
      </Card>

      <Card id='offline-check' title='核验'>
        <View className='palm-stack'>
          <TextField id='offline-token' label='亮证码（扫码枪扫入或粘贴）' maxLength={4096} value={token} placeholder='eyJ…' onInput={setToken} />
          <Button id='offline-verify' isBlock isLoading={isChecking} onClick={() => void verify()}>
            离线核验
          </Button>
          {check?.isValid ? (
            <View id='offline-result' className='palm-stack'>
              <StatusTag id='offline-valid' tone='open' text='签名有效' detail={`· 有效至 ${clockWords(check.expiresAt).slice(11)}`} />
              <Text className='offline__line'>{`用证事由：${check.purpose} · 签名密钥：${check.kid}`}</Text>
              <Text className='offline__cannot'>尚未确认：是否已被使用、证照是否已注销——请联网核验后再办理。</Text>
            </View>
          ) : null}
          {check && !check.isValid ? (
            <View id='offline-refused' className='palm-stack'>
              <StatusTag tone='closed' text='核验不通过' />
              <ErrorState id='offline-refusal' message={check.words} />
            </View>
          ) : null}
        </View>
      </Card>
    </PageShell>
  );
}
