// 整改 cases (issue 16 item 3): the cases level 1–2 ratings opened, with their deadline. A
// supervisor records the callback (回访: outcome and note; the time is when it is recorded), extends
// once with a reason, and closes only after a callback — until then the close button is disabled
// and says why. Clerks see their hall's cases without acting on them. Each step is checked in the
// page first; a refusal is said in words and the list read again.
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { CALLBACK_OUTCOME_LABELS, CALLBACK_OUTCOMES, RECTIFICATION_DAYS, type CallbackOutcome } from '@palm/shared';
import type { Me } from '@palm/shared/server';
import { actOnRectification, listRectifications, type Rectification, type RectificationAction } from '../../api/desk';
import { messageOf } from '../../api/errors';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { TextField } from '../../components/text-field';
import { Chips } from '../../components/chips';
import { isSupervisor, shanghaiMinute } from './model';

const ACTION_WORDS: Record<RectificationAction, string> = { callback: '记录回访', extend: '延期', close: '结束整改' };

/** Why close is not offered yet, in words; null when it may be. */
export function closeBlocked(r: Pick<Rectification, 'status' | 'callback'>): string | null {
  if (r.status !== 'OPEN') return '该整改已结束';
  if (!r.callback) return '须先记录回访，才能结束整改';
  return null;
}

/** Why extend is not offered, in words; null when it may be. */
export function extendBlocked(r: Pick<Rectification, 'status' | 'extended'>): string | null {
  if (r.status !== 'OPEN') return '该整改已结束';
  if (r.extended) return '已延期过一次，不能再延期';
  return null;
}

interface Draft {
  action: RectificationAction;
  outcome: CallbackOutcome | '';
  note: string;
}

export function Rectifications({ me }: { me: Me }) {
  const [status, setStatus] = useState<'OPEN' | 'CLOSED'>('OPEN');
  const [items, setItems] = useState<Rectification[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<{ id: string } & Draft | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const canAct = isSupervisor(me);

  const load = useCallback(() => {
    listRectifications({ status }, { isQuiet: true })
      .then((list) => {
        setItems(list.items);
        setError(null);
      })
      .catch((failure: unknown) => setError(messageOf(failure)));
  }, [status]);
  useEffect(load, [load]);

  const open = (id: string, action: RectificationAction) => {
    setDraft({ id, action, outcome: '', note: '' });
    setFormError(null);
    setDone(null);
  };

  const submit = () => {
    if (!draft) return;
    if (draft.action === 'callback' && !draft.outcome) return setFormError('请选择回访结果');
    if (draft.action === 'extend' && !draft.note.trim()) return setFormError('请填写延期原因');
    const note = draft.note.trim();
    const body =
      draft.action === 'callback'
        ? { outcome: draft.outcome as CallbackOutcome, ...(note ? { note } : {}) }
        : draft.action === 'extend'
          ? { reason: note }
          : note
            ? { note }
            : {};
    setIsBusy(true);
    setFormError(null);
    actOnRectification(draft.id, draft.action, body, { isQuiet: true })
      .then((next) => {
        setItems((had) => had?.map((x) => (x.id === next.id ? next : x)) ?? null);
        setDone(`已${ACTION_WORDS[draft.action]}`);
        setDraft(null);
        load();
      })
      .catch((failure: unknown) => {
        setFormError(messageOf(failure));
        load();
      })
      .finally(() => setIsBusy(false));
  };

  return (
    <View id='desk-rectifications'>
      <Card>
        <Chips
          idPrefix='desk-rect-status'
          label='状态'
          chips={[
            { key: 'OPEN', text: '整改中' },
            { key: 'CLOSED', text: '已结束' },
          ]}
          chosen={status}
          onChoose={setStatus}
        />
        {!canAct ? <Text className='palm-secondary'>整改的回访、延期和结束由主管办理，这里可查看本大厅的整改案件。</Text> : null}
      </Card>
      {done ? (
        <Card id='desk-rect-done' isNotice>
          <Text>{done}。</Text>
        </Card>
      ) : null}
      {error ? <ErrorState id='desk-rect-error' message={error} onRetry={load} /> : null}
      {!items && !error ? <Text className='palm-secondary'>正在加载…</Text> : null}
      {items && items.length === 0 ? <Card><Text id='desk-rect-empty'>没有整改案件。</Text></Card> : null}
      {items?.map((r, index) => {
        const closeWhy = closeBlocked(r);
        const extendWhy = extendBlocked(r);
        const isOpen = draft?.id === r.id;
        return (
          <Card key={r.id} id={`desk-rect-${index}`} title={`${r.office.name}：${r.rating.levelWords}`}>
            <View className='desk-lines'>
              {r.overdue && r.status === 'OPEN' ? (
                <View className='desk-due desk-due--overdue'>
                  <Text className='desk-due__label'>⚠ 逾期</Text>
                  <Text className='desk-due__words'>整改期限 {shanghaiMinute(r.dueAt)}</Text>
                </View>
              ) : (
                <Text>整改期限：{shanghaiMinute(r.dueAt)}{r.extended ? '（已延期）' : ''}</Text>
              )}
              <Text className='palm-secondary'>最晚不超过：{shanghaiMinute(r.capAt)}</Text>
              {r.rating.serviceName ? <Text>事项：{r.rating.serviceName}</Text> : null}
              {r.rating.reasons.length > 0 ? <Text>原因：{r.rating.reasons.map((x) => x.label).join('、')}</Text> : null}
              {r.rating.comment ? <Text>评价：{r.rating.comment}</Text> : null}
              <Text id={`desk-rect-${index}-callback`}>
                {r.callback ? `回访：${shanghaiMinute(r.callback.at)}，${r.callback.by}，结果：${r.callback.outcomeWords}${r.callback.note ? `，${r.callback.note}` : ''}` : '回访：尚未回访'}
              </Text>
              {r.closedAt ? <Text>已于 {shanghaiMinute(r.closedAt)} 结束整改</Text> : null}
              {canAct && r.status === 'OPEN' && !isOpen ? (
                <View className='desk-lines desk-lines--start'>
                  <Button id={`desk-rect-${index}-callback-open`} variant={r.callback ? 'secondary' : 'primary'} onClick={() => open(r.id, 'callback')}>
                    {r.callback ? '重新记录回访' : '记录回访'}
                  </Button>
                  <Button id={`desk-rect-${index}-extend-open`} variant='secondary' isDisabled={!!extendWhy} onClick={() => open(r.id, 'extend')}>
                    延期一次
                  </Button>
                  {extendWhy ? <Text className='palm-secondary'>{extendWhy}</Text> : null}
                  <Button id={`desk-rect-${index}-close-open`} variant='secondary' isDisabled={!!closeWhy} onClick={() => open(r.id, 'close')}>
                    结束整改
                  </Button>
                  {closeWhy ? <Text id={`desk-rect-${index}-close-why`} className='palm-secondary'>{closeWhy}</Text> : null}
                </View>
              ) : null}
              {isOpen && draft ? (
                <View id='desk-rect-form' className='desk-lines'>
                  <Text className='desk-row__title'>
                    {ACTION_WORDS[draft.action]}
                    {draft.action === 'callback' ? '（回访时间记为现在，回访人为您）' : draft.action === 'extend' ? `（延长${RECTIFICATION_DAYS}个工作日，只能延期一次）` : '（结束后不能再修改）'}
                  </Text>
                  {draft.action === 'callback' ? (
                    <Chips
                      idPrefix='desk-rect-outcome'
                      label='回访结果'
                      chips={CALLBACK_OUTCOMES.map((o) => ({ key: o, text: CALLBACK_OUTCOME_LABELS[o] }))}
                      chosen={draft.outcome as CallbackOutcome}
                      onChoose={(outcome) => setDraft({ ...draft, outcome })}
                    />
                  ) : null}
                  <TextField id='desk-rect-note' label={draft.action === 'extend' ? '延期原因' : '备注（可不填）'} value={draft.note} maxLength={500} onInput={(note) => setDraft({ ...draft, note })} />
                  {formError ? <ErrorState id='desk-rect-form-error' message={formError} /> : null}
                  <Button id='desk-rect-submit' isLoading={isBusy} onClick={submit}>
                    确认{ACTION_WORDS[draft.action]}
                  </Button>
                  <Button id='desk-rect-cancel' variant='secondary' onClick={() => setDraft(null)}>
                    取消
                  </Button>
                </View>
              ) : null}
            </View>
          </Card>
        );
      })}
    </View>
  );
}
