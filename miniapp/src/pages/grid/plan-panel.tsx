// 安排上门帮办: whom (a resident who has granted or been asked), what (a service that may be done by
// proxy, chosen as in 取号 and 预约), which day (the coming week), and a note — then one confirm.
// A retried tap sends the same key, so it cannot plan the visit twice.
import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { ApiError } from '../../api/errors';
import { listTaskServices, newPlanKey, planTask, type GridResident, type GridTask } from '../../api/grid';
import { useApi } from '../../api/use-api';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ChoiceList } from '../../components/choice-list';
import { ErrorState } from '../../components/error-state';
import { TextField } from '../../components/text-field';
import { ServiceChooser } from '../../features/service-chooser/service-chooser';
import { serverToday } from '../../lib/server-clock';
import { useElderMode } from '../../theme/elder-store';
import { grantTag, mayPlan, plannedLabel, residentName } from './words';

export interface PlanPanelProps {
  residents: readonly GridResident[];
  /** Chosen from the roster's 安排上门. */
  residentId: string | undefined;
  onPlanned: (task: GridTask) => void;
  onClose: () => void;
}

export function PlanPanel({ residents, residentId: preset, onPlanned, onClose }: PlanPanelProps) {
  const isElder = useElderMode();
  const [residentId, setResidentId] = useState(preset);
  const [serviceId, setServiceId] = useState<string>();
  const [date, setDate] = useState<string>();
  const [note, setNote] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = useRef(newPlanKey());
  const services = useApi(() => listTaskServices({ isQuiet: true }), []);
  const today = serverToday();
  // The coming week (fewer in 长辈版, whose rows are taller): a visit further ahead is rare.
  const days = Array.from({ length: isElder ? 4 : 7 }, (_, n) => serverToday(n));
  const eligible = residents.filter(mayPlan);
  const resident = residents.find((r) => r.id === residentId);
  const service = services.data?.items.find((s) => s.id === serviceId);

  const plan = async () => {
    if (!residentId || !serviceId || !date) return;
    setIsBusy(true);
    setError(null);
    try {
      onPlanned(await planTask({ residentId, serviceId, plannedDate: date, note: note.trim() || undefined }, key.current, { isQuiet: true }));
    } catch (failure) {
      const refusal = failure instanceof ApiError ? failure : new ApiError('INTERNAL', 0);
      setError(refusal.message);
      // Refused for good (not a lost answer): the next attempt is a new one.
      if (!refusal.isRetryable) key.current = newPlanKey();
    }
    setIsBusy(false);
  };

  return (
    <Card id='grid-plan' title='安排上门帮办'>
      <View className='palm-stack'>
        <View className='grid__step' role='heading' aria-level={3}>
          1. 为哪位居民
        </View>
        {resident ? (
          <View className='grid__chosen'>
            <Text id='grid-plan-resident' className='grid__line'>{`${residentName(resident)}（${grantTag(resident.grant).text}）`}</Text>
            <Button id='grid-plan-resident-change' variant='secondary' onClick={() => setResidentId(undefined)}>
              换一位
            </Button>
          </View>
        ) : eligible.length > 0 ? (
          <ChoiceList
            idPrefix='grid-plan-resident'
            label='为哪位居民'
            chosenId={residentId}
            onChoose={setResidentId}
            choices={eligible.map((r) => ({ id: r.id, title: residentName(r), detail: grantTag(r.grant).text }))}
          />
        ) : (
          <Text className='grid__line'>名单里还没有已授权或已请求授权的居民：请先在居民名单里请求授权。</Text>
        )}

        <View className='grid__step' role='heading' aria-level={3}>
          2. 办什么事
        </View>
        {services.error ? <ErrorState message={services.error.message} onRetry={services.reload} /> : null}
        {service ? (
          <View className='grid__chosen'>
            <Text id='grid-plan-service' className='grid__line'>{service.name}</Text>
            <Button id='grid-plan-service-change' variant='secondary' onClick={() => setServiceId(undefined)}>
              换一项
            </Button>
          </View>
        ) : services.data ? (
          <ServiceChooser idPrefix='grid-plan-service' services={services.data.items} chosenId={serviceId} onChoose={setServiceId} />
        ) : (
          <Text className='palm-secondary'>正在加载…</Text>
        )}

        <View className='grid__step' role='heading' aria-level={3}>
          3. 哪天上门
        </View>
        <ChoiceList idPrefix='grid-plan-date' label='哪天上门' chosenId={date} onChoose={setDate} choices={days.map((d) => ({ id: d, title: plannedLabel(d, today) }))} />

        <TextField id='grid-plan-note' label='备注（可不填），如要带的材料' value={note} maxLength={200} onInput={setNote} />
        {error ? <ErrorState id='grid-plan-error' message={error} /> : null}
        <Button id='grid-plan-confirm' isBlock isDisabled={!residentId || !serviceId || !date} isLoading={isBusy} onClick={() => void plan()}>
          确认安排
        </Button>
        <Button id='grid-plan-close' variant='secondary' isBlock onClick={onClose}>
          不安排了
        </Button>
      </View>
    </Card>
  );
}
