// 大厅叫号屏 (hall display board, H5 on a big screen; `?officeId=`). Public: no sign-in, nothing
// personal — numbers being called per window and how many wait per queue letter. Live over the
// WebSocket (polling when it cannot connect). A newly called number is announced aloud once the
// voice is switched on (browsers need a tap first) and marked on screen with ▶ and a frame, not
// colour alone (DESIGN.md §4).
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
import { subscribeLive } from '../../lib/live';
import { callSentence, isSpeechAvailable, speak, stopSpeaking } from '../../lib/speech';
import { newCalls, type NewCall } from './calls';
import { BoardClock } from './clock';
import './index.scss';

/** How long a new call stays marked on screen. */
export const HIGHLIGHT_MS = 15_000;

export default function BoardPage() {
  const officeId = useRouter().params.officeId ?? '';
  const [board, setBoard] = useState<QueueBoard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [liveStatus, setLiveStatus] = useState<'live' | 'polling' | null>(null);
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

  const toggleVoice = () => {
    const isOn = !voice.current;
    voice.current = isOn;
    setIsVoiceOn(isOn);
    // Said at once, inside the tap: this is what unlocks speech in the browser.
    if (isOn) speak('语音播报已开启');
    else stopSpeaking();
  };

  const shown = board?.counters.filter((c) => c.state !== 'CLOSED') ?? [];
  return (
    <PageShell className='board'>
      <View className='board__head'>
        <View id='board-office' className='board__office' role='heading' aria-level={1}>
          {board ? `${board.office.name} 叫号屏` : '大厅叫号屏'}
        </View>
        <BoardClock />
      </View>
      {!officeId ? <ErrorState id='board-error' message='缺少大厅编号：请从“大厅详情”页打开叫号屏。' /> : null}
      {error ? <ErrorState id='board-error' message={error} /> : null}
      {officeId && !board && !error ? <Text className='palm-secondary'>正在加载…</Text> : null}
      {latest ? (
        <View id='board-latest' className='board__latest' role='status'>
          <Text>▶ {callSentence(latest.displayNumber, latest.counterNumber)}</Text>
        </View>
      ) : null}
      {board ? (
        <View className='board__columns'>
          <View className='board__calls' id='board-calls'>
            <Text className='board__section'>正在叫号</Text>
            {shown.map((c) => {
              const isNew = highlighted.has(c.number);
              return (
                <View key={c.number} id={`board-call-${c.number}`} className={cx('board__call', isNew && 'board__call--new')} data-new={isNew ? 'true' : 'false'}>
                  <Text className='board__call-number'>{isNew ? `▶ ${c.calling}` : (c.calling ?? '—')}</Text>
                  <Text className='board__call-arrow' aria-hidden='true'>
                    →
                  </Text>
                  <Text className='board__call-counter'>{counterLabel(c.number)}</Text>
                  {c.calling === null ? <Text className='board__call-state'>{c.state === 'OPEN' ? '空闲' : counterState(c.state).text}</Text> : null}
                  {isNew ? <Text className='board__call-state'>正在呼叫</Text> : null}
                </View>
              );
            })}
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
        <Text id='board-live-status' className='palm-secondary'>
          {liveStatus === 'live' ? '● 实时更新' : liveStatus === 'polling' ? '○ 定时刷新' : ''}
          {isVoiceOn ? ' · 语音播报已开启' : ''}
        </Text>
      </View>
    </PageShell>
  );
}
