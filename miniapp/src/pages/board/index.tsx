// 大厅叫号屏 (hall display board, H5 on a big screen; `?officeId=`). Public: no sign-in, nothing
// personal — numbers being called per window and how many wait per queue letter. Live over the
// WebSocket (polling when it cannot connect). A newly called number is announced aloud once the
// voice is switched on (browsers need a tap first) and marked on screen with ▶ and a frame, not
// colour alone (DESIGN.md §4). The call's banner stands BANNER_MS, or until that number is finished
// or skipped, then gives its place back to the list of the latest calls. Windows with nobody at
// them are one line (空闲窗口：1、3、4号), not a row each. On a wall screen (./wall.ts) the board
// fills the viewport without scrolling and has no back header.
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { QueueBoard } from '@palm/shared/server';
import { messageOf } from '../../api/errors';
import { getQueueBoard } from '../../api/queue';
import { Button } from '../../components/button';
import { cx } from '../../components/class-names';
import { ErrorState } from '../../components/error-state';
import { PageShell } from '../../components/page-shell';
import { counterLabel, counterState } from '../../features/queue/counter-words';
import { LiveIndicator } from '../../features/queue/live-indicator';
import { subscribeLive, type LiveStatus } from '../../lib/live';
import { callSentence, isSpeechAvailable, speak, stopSpeaking } from '../../lib/speech';
import { isStillCalling, newCalls, type NewCall } from './calls';
import { BoardClock } from './clock';
import { useWallScreen } from './wall';
import './index.scss';

/** How long a new call stays marked on screen. */
export const HIGHLIGHT_MS = 15_000;
/** How long the banner shows a new call before the list of latest calls takes its place. */
export const BANNER_MS = 10_000;
/** More windows calling than a wall's column holds one under another: they go two to a row. */
const MANY_CALLING = 6;

const numbersOf = (counters: readonly { number: number }[]): string => `${counters.map((c) => c.number).join('、')}号`;

export default function BoardPage() {
  const { params } = useRouter();
  const officeId = params.officeId ?? '';
  const isWall = useWallScreen(params.wall);
  const [board, setBoard] = useState<QueueBoard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [liveStatus, setLiveStatus] = useState<LiveStatus | null>(null);
  const [isVoiceOn, setIsVoiceOn] = useState(false);
  const [latest, setLatest] = useState<(NewCall & { at: number }) | null>(null);
  const [highlighted, setHighlighted] = useState<ReadonlyMap<number, number>>(new Map());
  const previous = useRef<QueueBoard | null>(null);
  const voice = useRef(false);

  useEffect(() => {
    if (!officeId) return undefined;
    let isCurrent = true;
    const show = (next: QueueBoard) => {
      if (!isCurrent) return;
      const calls = newCalls(previous.current, next);
      previous.current = next;
      setBoard(next);
      setError(null);
      setLatest((old) => (old && isStillCalling(old, next) ? old : null));
      if (calls.length === 0) return;
      const at = Date.now();
      setLatest({ ...calls[calls.length - 1]!, at });
      setHighlighted((old) => new Map([...old, ...calls.map((c): [number, number] => [c.counterNumber, at])]));
      if (voice.current) calls.forEach((c) => speak(callSentence(c.displayNumber, c.counterNumber)));
    };
    // The first view; a live message that came first is newer, and wins.
    // Anonymous: a board needs no sign-in and must never be sent to the sign-in page.
    getQueueBoard(officeId, { isQuiet: true, isAnonymous: true, shouldRedirectToLogin: false }).then(
      (first) => !previous.current && show(first),
      (failure: unknown) => isCurrent && !previous.current && setError(messageOf(failure)),
    );
    const unsubscribe = subscribeLive({ officeId }, { onBoard: show, onStatus: setLiveStatus });
    return () => {
      isCurrent = false;
      unsubscribe();
    };
  }, [officeId]);

  // Marks fade after HIGHLIGHT_MS: one timer for the oldest.
  useEffect(() => {
    if (highlighted.size === 0) return undefined;
    const oldest = Math.min(...highlighted.values());
    const timer = setTimeout(() => setHighlighted((old) => new Map([...old].filter(([, at]) => Date.now() - at < HIGHLIGHT_MS))), Math.max(0, oldest + HIGHLIGHT_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [highlighted]);

  // The banner gives way after BANNER_MS.
  useEffect(() => {
    if (!latest) return undefined;
    const timer = setTimeout(() => setLatest((old) => (old === latest ? null : old)), Math.max(0, latest.at + BANNER_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [latest]);

  const toggleVoice = () => {
    const isOn = !voice.current;
    voice.current = isOn;
    setIsVoiceOn(isOn);
    // Said at once, inside the tap: this is what unlocks speech in the browser.
    if (isOn) speak('语音播报已开启');
    else stopSpeaking();
  };

  const shown = board?.counters.filter((c) => c.state !== 'CLOSED') ?? [];
  const calling = shown.filter((c) => c.calling !== null);
  const idle = shown.filter((c) => c.calling === null && c.state === 'OPEN');
  const paused = shown.filter((c) => c.calling === null && c.state !== 'OPEN');
  return (
    <PageShell className={cx('board', isWall && 'board--wall')} isHeaderHidden={isWall}>
      <View className='board__head'>
        <View id='board-office' className='board__office' role='heading' aria-level={1}>
          {board ? `${board.office.name} 叫号屏` : '大厅叫号屏'}
        </View>
        <BoardClock />
      </View>
      {!officeId ? <ErrorState id='board-error' message='缺少大厅编号：请从“大厅详情”页打开叫号屏。' /> : null}
      {error ? <ErrorState id='board-error' message={error} /> : null}
      {officeId && !board && !error ? <Text className='palm-secondary'>正在加载…</Text> : null}
      {board ? (
        <View className='board__columns'>
          {latest ? (
            <View id='board-latest' className='board__latest' role='status'>
              <Text>▶ {callSentence(latest.displayNumber, latest.counterNumber)}</Text>
            </View>
          ) : (
            <View className='board__recent' id='board-recent'>
              <Text className='board__section'>最近叫号</Text>
              {board.recent.map((r) => (
                <View key={`${r.displayNumber}-${r.calledAt}`} className='board__recent-row'>
                  <Text className='board__call-number'>{r.displayNumber}</Text>
                  <Text className='board__call-counter'>{counterLabel(r.counterNumber)}</Text>
                </View>
              ))}
              {board.recent.length === 0 ? <Text className='board__empty'>今天还没有叫号</Text> : null}
            </View>
          )}
          <View className={cx('board__calls', calling.length > MANY_CALLING && 'board__calls--many')} id='board-calls'>
            <Text className='board__section'>正在叫号</Text>
            {calling.map((c) => {
              const isNew = highlighted.has(c.number);
              return (
                <View key={c.number} id={`board-call-${c.number}`} className={cx('board__call', isNew && 'board__call--new')} data-new={isNew ? 'true' : 'false'}>
                  <Text className='board__call-number'>{isNew ? `▶ ${c.calling}` : c.calling}</Text>
                  <Text className='board__call-arrow' aria-hidden='true'>
                    →
                  </Text>
                  <Text className='board__call-counter'>{counterLabel(c.number)}</Text>
                  {isNew ? <Text className='board__call-state'>正在呼叫</Text> : null}
                </View>
              );
            })}
            {idle.length > 0 ? (
              <Text id='board-idle' className='board__idle'>
                空闲窗口：{numbersOf(idle)}
              </Text>
            ) : null}
            {paused.length > 0 ? (
              <Text id='board-paused' className='board__idle'>
                {counterState(paused[0]!.state).text}：{numbersOf(paused)}
              </Text>
            ) : null}
            {shown.length === 0 ? <Text className='board__empty'>暂无开放的窗口</Text> : null}
          </View>
          <View className='board__waiting' id='board-waiting'>
            <Text className='board__section'>等候人数</Text>
            {board.waiting.map((w) => (
              <View key={w.letter} id={`board-waiting-${w.letter}`} className='board__wait'>
                <Text className='board__wait-letter'>{w.letter}</Text>
                <Text className='board__wait-label'>{w.label}</Text>
                <Text className='board__wait-count'>{w.count} 人</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
      <View className='board__foot'>
        {isSpeechAvailable() ? (
          <Button id='board-voice-toggle' variant={isVoiceOn ? 'secondary' : 'primary'} onClick={toggleVoice}>
            {isVoiceOn ? '关闭语音播报' : '开启语音播报'}
          </Button>
        ) : (
          <Text className='palm-secondary'>语音播报需在大厅屏幕的浏览器中使用。</Text>
        )}
        <LiveIndicator id='board-live-status' live={liveStatus} pollingText='定时刷新' />
        {isVoiceOn ? <Text className='palm-secondary'>语音播报已开启</Text> : null}
      </View>
    </PageShell>
  );
}
