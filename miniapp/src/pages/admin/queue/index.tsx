// 排队设置 (issue 17 item 3): a hall's near-turn thresholds (how many people ahead, how many minutes
// left when a person is told their turn is near), anti-starvation N (priority numbers called in a
// row before one ordinary number) and each service's daily remote-ticket capacity. Checked as typed
// with the BFF's ranges; before saving, a confirmation lists each change old → new. Admins any hall
// (?id=), a hall manager their own.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { getAdminOffice, type AdminOffice } from '../../../api/admin';
import { getQueueSettings, putQueueSettings, type AdminQueueSettings } from '../../../api/admin-hall';
import { useApi } from '../../../api/use-api';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ErrorState } from '../../../components/error-state';
import { TextField } from '../../../components/text-field';
import { CAPACITY_LIMIT, QUEUE_FIELDS, QUEUE_LIMITS, queueChanges, queueDraftOf, readQueueDraft, type QueueDraft } from '../hall-model';
import { Confirm, Done, HallPage, Problem, reloadAll, useAction } from '../shared';
import '../shared.scss';

export default function AdminQueuePage() {
  return <HallPage title='排队设置'>{(id) => <QueueConsole id={id} />}</HallPage>;
}

function QueueConsole({ id }: { id: string }) {
  const office = useApi(id ? () => getAdminOffice(id, { isQuiet: true }) : null, [id]);
  const settings = useApi(id ? () => getQueueSettings(id, { isQuiet: true }) : null, [id]);
  const [saved, setSaved] = useState<AdminQueueSettings | null>(null);
  if (!id) return <ErrorState id='admin-queue-none' message='没有指定大厅，请从管理后台选择。' />;
  const error = office.error ?? settings.error;
  if (error) {
    return (
      <ErrorState id='admin-queue-error' message={error.message} onRetry={reloadAll(office, settings)} />
    );
  }
  const shown = saved ?? settings.data;
  if (!office.data || !shown) return <Text className='palm-secondary'>正在加载…</Text>;
  return (
    <View>
      <Text id='admin-queue-office' className='palm-section-title'>
        {office.data.name}
      </Text>
      <QueueForm office={office.data} settings={shown} onSaved={setSaved} />
    </View>
  );
}

function QueueForm({ office, settings, onSaved }: { office: AdminOffice; settings: AdminQueueSettings; onSaved: (settings: AdminQueueSettings) => void }) {
  const [draft, setDraft] = useState<QueueDraft>(() => queueDraftOf(settings));
  const [isConfirming, setIsConfirming] = useState(false);
  const action = useAction();
  const names = Object.fromEntries(office.services.map((s) => [s.id, s.name]));
  const { body, problems } = readQueueDraft(draft);
  const changes = body ? queueChanges(settings, body, names) : [];
  const edit = (next: QueueDraft) => {
    setDraft(next);
    setIsConfirming(false);
    action.clear();
  };
  const save = () =>
    action.run(
      () => putQueueSettings(office.id, body!, { isQuiet: true }),
      (next) => {
        onSaved(next);
        return `排队设置已保存：${changes.join('；')}。`;
      },
      () => setIsConfirming(false),
    );
  const hasProblem = Object.keys(problems).length > 0;
  return (
    <View className='admin-wide'>
      <Card id='admin-queue-near' title='叫号提醒和优先号'>
        <Text className='palm-secondary'>前面人数或预计等待时间先到哪个，就先提醒市民“快到您了”。优先号（老人、预约等）连续叫到设定个数后，叫一个普通号，普通号不会一直等。</Text>
        <View className='palm-spacer' />
        {QUEUE_FIELDS.map((field) => (
          <View key={field}>
            <TextField id={`admin-queue-${field}`} label={`${QUEUE_LIMITS[field].label}（${QUEUE_LIMITS[field].min}–${QUEUE_LIMITS[field].max}${QUEUE_LIMITS[field].unit}）`} type='number' value={draft.numbers[field]} maxLength={4} onInput={(value) => edit({ ...draft, numbers: { ...draft.numbers, [field]: value } })} />
            <Problem id={`admin-queue-${field}-problem`} text={problems[field]} />
          </View>
        ))}
      </Card>
      <View>
        <Card id='admin-queue-capacity' title='每天远程取号量'>
          <Text className='palm-secondary'>{`每项业务每天最多可在手机上取多少个号（${CAPACITY_LIMIT.min}–${CAPACITY_LIMIT.max}，0 表示只能到大厅取号）。`}</Text>
          <View className='palm-spacer' />
          {settings.dailyCapacity.map(({ serviceId }, index) => (
            <View key={serviceId}>
              <TextField id={`admin-queue-capacity-${index}`} label={names[serviceId] ?? '业务'} type='number' value={draft.capacity[serviceId] ?? ''} maxLength={5} onInput={(value) => edit({ ...draft, capacity: { ...draft.capacity, [serviceId]: value } })} />
              <Problem id={`admin-queue-capacity-${index}-problem`} text={problems[serviceId]} />
            </View>
          ))}
        </Card>
        <Card id='admin-queue-save-card'>
          {action.error ? <ErrorState id='admin-queue-save-error' message={action.error} /> : null}
          {isConfirming && body ? (
            <Confirm
              idPrefix='admin-queue'
              title='保存前请确认'
              words={`保存后立即生效：${changes.join('；')}。`}
              confirmText='确认保存'
              isBusy={action.isBusy}
              onConfirm={save}
              onCancel={() => setIsConfirming(false)}
            />
          ) : (
            <Button id='admin-queue-check' isBlock isDisabled={hasProblem || changes.length === 0} onClick={() => setIsConfirming(true)}>
              {hasProblem ? '请先改正上面标出的数字' : changes.length === 0 ? '没有改动' : `检查并保存（${changes.length}项改动）`}
            </Button>
          )}
          <Done id='admin-queue-done' text={action.done} />
        </Card>
      </View>
    </View>
  );
}
