// One licence (DESIGN.md §4 E-licence 亮证): masked by default; the eye toggle shows the holder the
// full number (GET ?reveal=true, logged by the BFF) for 30 s, counted from when the answer arrived,
// then masks it again by itself. A watermark 仅供办理政务服务使用 with the holder's masked name and
// the live time by the server's clock. 亮证: choose a purpose (each says what the window will see),
// then a signed single-use token drawn as a QR, renewed every 30 s with a visible countdown; acting
// for someone it is labelled 代 X 出示. On WeChat the page is hidden in screen captures while
// shown. 使用记录 one tap away.
import { Text, View } from '@tarojs/components';
import { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { LICENCE_REVEAL_SECONDS } from '@palm/shared';
import { useActing } from '../../api/acting-store';
import { messageOf } from '../../api/errors';
import { getLicence, listLicencePurposes, presentLicence, revealLicence, type LicencePresentation, type LicencePurposeView, type LicenceView } from '../../api/licences';
import { getSession, useSession } from '../../api/session';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { Cell } from '../../components/cell';
import { ChoiceList } from '../../components/choice-list';
import { ErrorState } from '../../components/error-state';
import { PageShell } from '../../components/page-shell';
import { SignInNeeded } from '../../components/sign-in-needed';
import { StatusTag } from '../../components/status-tag';
import { noteLicenceCapture } from '../../api/licence-free';
import { useCaptureGuard } from '../../features/licences/capture-guard';
import { usePageShown, useTick } from '../../features/licences/page-timers';
import { QrCode } from '../../features/licences/qr-code';
import { clockWords, licenceStatusWords, validityWords } from '../../features/licences/words';
import { openPage, PAGES } from '../../lib/routes';
import { serverNow } from '../../lib/server-clock';
import { useElderState } from '../../theme/elder-store';
import './index.scss';

/** The QR's share of the screen's width: at least 60 % in 长辈版 (issue 15). */
export const QR_SCREEN_SHARE = { normal: 0.6, elder: 0.76 } as const;

interface Shown<T> {
  value: T;
  /** Device time (ms) the answer arrived: countdowns run from here. */
  receivedAt: number;
}

/** 仅供办理政务服务使用 · 陈** · 2026-11-23 09:30:05 (server clock). */
function Watermark({ id, name, now }: { id: string; name: string; now: number }) {
  return (
    <View id={id} className='licence__watermark'>
      <Text className='licence__watermark-use'>仅供办理政务服务使用</Text>
      <Text className='licence__watermark-who'>{`${name} · ${clockWords(now)}`}</Text>
    </View>
  );
}

export default function LicencePage() {
  const id = useRouter().params.id ?? '';
  const { isSignedIn } = useSession();
  const { actingFor } = useActing();
  const { elderMode } = useElderState();
  const isShown = usePageShown();

  const [licence, setLicence] = useState<LicenceView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<Shown<string> | null>(null);
  const [revealError, setRevealError] = useState<string | null>(null);
  const [isRevealing, setIsRevealing] = useState(false);
  const [stage, setStage] = useState<'view' | 'choose' | 'present'>('view');
  const [purposes, setPurposes] = useState<LicencePurposeView[] | null>(null);
  const [purpose, setPurpose] = useState<string | undefined>();
  const [presentation, setPresentation] = useState<Shown<LicencePresentation> | null>(null);
  const [presentError, setPresentError] = useState<string | null>(null);
  const [isPresenting, setIsPresenting] = useState(false);
  const [captured, setCaptured] = useState(false);
  /** Each 亮证 run; an answer from an ended run is dropped. */
  const run = useRef(0);

  const now = useTick(isShown && licence !== null);

  const load = async () => {
    if (!id) return;
    setError(null);
    try {
      setLicence(await getLicence(id, { isQuiet: true }));
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  useDidShow(() => {
    if (getSession().isSignedIn) void load();
  });
  // Leaving the page masks the number at once.
  useDidHide(() => setRevealed(null));

  // The full number shows LICENCE_REVEAL_SECONDS from its answer, then masks itself.
  useEffect(() => {
    if (!revealed) return undefined;
    const timer = setTimeout(() => setRevealed(null), Math.max(0, revealed.receivedAt + LICENCE_REVEAL_SECONDS * 1000 - Date.now()));
    return () => clearTimeout(timer);
  }, [revealed]);

  const toggleReveal = async () => {
    if (revealed) {
      setRevealed(null);
      return;
    }
    setRevealError(null);
    setIsRevealing(true);
    try {
      const answer = await revealLicence(id, { isQuiet: true });
      setRevealed({ value: answer.number ?? answer.numberMasked, receivedAt: Date.now() });
    } catch (failure) {
      setRevealError(messageOf(failure));
    }
    setIsRevealing(false);
  };

  const choose = async () => {
    setStage('choose');
    setPresentError(null);
    if (purposes || !licence) return;
    try {
      const items = (await listLicencePurposes(licence.type, { isQuiet: true })).items;
      setPurposes(items);
      setPurpose((chosen) => chosen ?? items.find((p) => p.code === 'IDENTITY_CHECK')?.code ?? items[0]?.code);
    } catch (failure) {
      setPresentError(messageOf(failure));
    }
  };

  const present = async (which = run.current) => {
    setIsPresenting(true);
    setPresentError(null);
    try {
      const answer = await presentLicence(id, purpose, { isQuiet: true });
      if (which !== run.current) return;
      setPresentation({ value: answer, receivedAt: Date.now() });
      setStage('present');
    } catch (failure) {
      if (which !== run.current) return;
      setPresentation(null);
      setPresentError(messageOf(failure));
    } finally {
      if (which === run.current) setIsPresenting(false);
    }
  };

  const start = () => {
    run.current += 1;
    void present(run.current);
  };

  const stop = () => {
    run.current += 1;
    setPresentation(null);
    setPresentError(null);
    setIsPresenting(false);
    setStage('view');
  };

  // A new code every refreshSeconds from when the last one arrived, only while the page is on screen
  // (back on screen after the moment passed: at once).
  useEffect(() => {
    if (stage !== 'present' || !presentation || !isShown) return undefined;
    const due = presentation.receivedAt + presentation.value.refreshSeconds * 1000;
    const which = run.current;
    const timer = setTimeout(() => void present(which), Math.max(0, due - Date.now()));
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stage, presentation, isShown]);

  // A capture is said on the page and noted in the holder's 使用记录 (截屏; for the person acted for too).
  useCaptureGuard(isShown && licence !== null, () => {
    setCaptured(true);
    void noteLicenceCapture(id);
  });

  const title = licence?.typeLabel ?? '电子证照';
  if (!isSignedIn) {
    return (
      <PageShell title={title}>
        <SignInNeeded id='licence-sign-in' title='登录后可以查看您的电子证照' />
      </PageShell>
    );
  }
  if (!licence) {
    return (
      <PageShell title={title}>
        {error ? <ErrorState id='licence-error' message={error} onRetry={() => void load()} /> : <Text className='palm-secondary'>正在加载…</Text>}
      </PageShell>
    );
  }

  const status = licenceStatusWords(licence.status);
  // The server's time, renewed with each tick of `now`.
  const clock = serverNow();
  // Clamped: `now` may be up to a tick older than the answer.
  const revealLeft = revealed ? Math.min(LICENCE_REVEAL_SECONDS, Math.max(0, Math.ceil((revealed.receivedAt + LICENCE_REVEAL_SECONDS * 1000 - now) / 1000))) : 0;
  const shown = presentation?.value;
  const refreshLeft = presentation && shown ? Math.min(shown.refreshSeconds, Math.max(0, Math.ceil((presentation.receivedAt + shown.refreshSeconds * 1000 - now) / 1000))) : 0;
  const onBehalfName = shown ? shown.onBehalfOf?.nameMasked : actingFor ? licence.holderNameMasked : undefined;

  return (
    <PageShell title={actingFor ? `${actingFor.name} 的${licence.typeLabel}` : licence.typeLabel} className='licence'>
      {captured ? (
        <View id='licence-captured' className='licence__notice' role='status'>
          ！检测到截屏。证照截图不能用于办事，办事时请在现场亮证，由窗口扫码核验。
        </View>
      ) : null}

      {stage === 'present' ? (
        <Card id='licence-present'>
          <View className='palm-stack licence__present'>
            {onBehalfName ? (
              <Text id='licence-on-behalf' className='licence__on-behalf'>
                {`代 ${onBehalfName} 出示`}
              </Text>
            ) : null}
            {shown ? (
              <>
                <Text className='licence__purpose'>{`${licence.typeLabel} · ${shown.purpose.name}`}</Text>
                <QrCode id='licence-qr' text={shown.token} label={`${licence.typeLabel}亮证码，请窗口工作人员扫码核验`} screenShare={elderMode ? QR_SCREEN_SHARE.elder : QR_SCREEN_SHARE.normal} />
                <View id='licence-qr-countdown' className='licence__countdown' role='timer'>
                  {`${refreshLeft} 秒后自动刷新 · 每个码只能核验一次`}
                </View>
                <Watermark id='licence-qr-watermark' name={licence.holderNameMasked} now={clock} />
                <Text id='licence-present-fields' className='licence__fields-shown'>{`窗口将看到：${shown.fields.map((f) => f.label).join('、')}`}</Text>
              </>
            ) : null}
            {presentError ? <ErrorState id='licence-present-error' message={presentError} onRetry={start} /> : null}
            <Button id='licence-present-stop' variant='secondary' isBlock onClick={stop}>
              结束出示
            </Button>
          </View>
        </Card>
      ) : null}

      <Card id='licence-card'>
        <View className='licence__card'>
          <View className='licence__head'>
            <Text className='licence__type'>{licence.typeLabel}</Text>
            <StatusTag id='licence-status' tone={status.tone} text={status.text} />
          </View>
          <View className='licence__number-row'>
            <Text className='licence__label'>证照号码</Text>
            <Text id='licence-number' className='licence__number'>
              {revealed && isShown ? revealed.value : licence.numberMasked}
            </Text>
          </View>
          {actingFor ? (
            <Text className='palm-secondary'>代办时只显示部分号码。</Text>
          ) : (
            <View className='licence__reveal'>
              <Button id='licence-reveal' variant='secondary' isBlock isLoading={isRevealing} onClick={() => void toggleReveal()}>
                {revealed ? '◉ 隐藏号码' : '◎ 显示完整号码'}
              </Button>
              {revealed ? (
                <View id='licence-reveal-countdown' className='palm-secondary' role='timer'>
                  {`${revealLeft} 秒后自动隐藏（查看完整号码会记入使用记录）`}
                </View>
              ) : null}
            </View>
          )}
          {revealError ? <ErrorState id='licence-reveal-error' message={revealError} /> : null}
          <View id='licence-fields' className='licence__fields'>
            {licence.fields.map((field) => (
              <View key={field.key} className='licence__field'>
                <Text className='licence__label'>{field.label}</Text>
                <Text className='licence__value'>{field.value}</Text>
              </View>
            ))}
            <View className='licence__field'>
              <Text className='licence__label'>发证机关</Text>
              <Text className='licence__value'>{licence.issuer}</Text>
            </View>
            <View className='licence__field'>
              <Text className='licence__label'>有效期</Text>
              <Text className='licence__value'>{validityWords(licence.validFrom, licence.validUntil).replace(/^有效期 /, '')}</Text>
            </View>
          </View>
          <Watermark id='licence-watermark' name={licence.holderNameMasked} now={clock} />
        </View>
      </Card>

      {stage === 'view' ? (
        licence.status === 'VALID' ? (
          <Button id='licence-show' isBlock onClick={() => void choose()}>
            亮证
          </Button>
        ) : (
          <Text id='licence-not-presentable' className='licence__notice'>{`！该证照${status.text}，不能亮证。`}</Text>
        )
      ) : null}

      {stage === 'choose' ? (
        <Card id='licence-purposes' title='为什么出示？'>
          <Text className='palm-secondary'>选择办理的事项。窗口扫码后只能看到该事项需要的信息。</Text>
          {purposes === null && !presentError ? <Text className='palm-secondary'>正在加载…</Text> : null}
          {purposes ? (
            <ChoiceList
              idPrefix='licence-purpose'
              label='出示事由'
              chosenId={purpose}
              onChoose={setPurpose}
              choices={purposes.map((p) => ({ id: p.code, title: p.name, detail: `窗口可看到：${p.fields.map((f) => f.label).join('、')}` }))}
            />
          ) : null}
          {presentError ? <ErrorState id='licence-present-error' message={presentError} onRetry={purposes ? start : () => void choose()} /> : null}
          <View className='palm-stack'>
            <Button id='licence-present-start' isBlock isDisabled={!purpose} isLoading={isPresenting} onClick={start}>
              {onBehalfName ? `代 ${onBehalfName} 出示` : '生成亮证码'}
            </Button>
            <Button id='licence-present-cancel' variant='secondary' isBlock onClick={() => setStage('view')}>
              不出示了
            </Button>
          </View>
        </Card>
      ) : null}

      <Card>
        <Cell id='licence-uses' title='使用记录' description='每次出示：何时、在哪个大厅和窗口核验、对方看到了什么' isLink onClick={() => openPage(PAGES.licenceUses, { id: licence.id })} />
      </Card>
    </PageShell>
  );
}
