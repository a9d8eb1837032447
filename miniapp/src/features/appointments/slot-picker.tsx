// Choosing a day of the coming week, then a time on it. Every choice is a whole tile with its state
// in words (余3, 已约满, 08:00放号, 节假日), role=radio with aria-checked, and the chosen one says
// ✓ 已选 — never a colour alone. A day without slots can still be chosen, to read why.
import { Text, View } from '@tarojs/components';
import type { SlotDayView, SlotView } from '../../api/appointments';
import { cx } from '../../components/class-names';
import { ErrorState } from '../../components/error-state';
import { StatusTag } from '../../components/status-tag';
import type { SlotWeek } from './use-slot-week';
import { dayLabel, dayState, slotState, weekdayOf } from './words';
import './styles.scss';
import { pressable } from '../../components/pressable';

export interface SlotPickerProps {
  idPrefix: string;
  week: SlotWeek;
  date: string | undefined;
  onChooseDate: (date: string) => void;
  slotId: string | undefined;
  onChooseSlot: (slot: SlotView) => void;
  /** A full slot may be chosen to join its 候补 (booking), not to move to (改约). */
  canChooseFull: boolean;
  /** The slot the appointment holds now (改约): shown, not choosable. */
  currentSlotId?: string;
}

/** A full slot is chosen for 候补; one not released yet, or past, not at all. */
const isChoosable = (slot: SlotView, canChooseFull: boolean) => slot.isBookable || (canChooseFull && slot.unavailableReason === 'FULL');

function DayTile({ day, index, isChosen, idPrefix, onChoose }: { day: SlotDayView; index: number; isChosen: boolean; idPrefix: string; onChoose: () => void }) {
  const relative = index === 0 ? '今天' : index === 1 ? '明天' : weekdayOf(day.date);
  return (
    <View
      id={`${idPrefix}-day-${index}`}
      className={cx('book__day', isChosen && 'book__day--chosen')}
      {...pressable(onChoose, 'radio')}
      aria-checked={isChosen ? 'true' : 'false'}
      aria-label={`${dayLabel(day.date)}，${dayState(day)}${isChosen ? '，已选' : ''}`}
    >
      <Text className='book__day-name'>{isChosen ? `✓${relative}` : relative}</Text>
      <Text>{`${Number(day.date.slice(5, 7))}/${Number(day.date.slice(8, 10))}`}</Text>
      <Text className='book__day-state'>{dayState(day)}</Text>
    </View>
  );
}

function SlotRow({ slot, isChosen, isCurrent, isChoosable: choosable, id, onChoose }: { slot: SlotView; isChosen: boolean; isCurrent: boolean; isChoosable: boolean; id: string; onChoose: () => void }) {
  const state = isCurrent ? { text: '当前预约', tone: 'notice' as const } : slotState(slot);
  return (
    <View
      id={id}
      className={cx('book__slot', isChosen && 'book__slot--chosen', !choosable && 'book__slot--inactive')}
      {...(choosable ? pressable(onChoose, 'radio') : { role: 'radio', tabIndex: -1 })}
      aria-checked={isChosen ? 'true' : 'false'}
      aria-disabled={choosable ? undefined : 'true'}
      aria-label={`${slot.start}到${slot.end}，${state.text}${isChosen ? '，已选' : ''}`}
    >
      <Text className='book__slot-time'>{`${slot.start}–${slot.end}`}</Text>
      <View className='book__slot-state'>
        <StatusTag tone={state.tone} text={state.text} />
        {isChosen ? <Text className='book__mark'>✓ 已选</Text> : null}
      </View>
    </View>
  );
}

export function SlotPicker({ idPrefix, week, date, onChooseDate, slotId, onChooseSlot, canChooseFull, currentSlotId }: SlotPickerProps) {
  if (week.error && !week.days) return <ErrorState message={week.error.message} onRetry={week.reload} />;
  if (!week.days) return <Text className='palm-secondary'>正在查询可预约的日期…</Text>;
  const day = week.days.find((d) => d.date === date);
  const shown = day?.items.filter((s) => s.unavailableReason !== 'PAST') ?? [];
  const pastCount = (day?.items.length ?? 0) - shown.length;

  return (
    <View className='palm-stack'>
      {week.error ? <ErrorState message={week.error.message} onRetry={week.reload} /> : null}
      <View className='book__days' role='radiogroup' aria-label='选择日期'>
        {week.days.map((d, index) => (
          <DayTile key={d.date} day={d} index={index} idPrefix={idPrefix} isChosen={d.date === date} onChoose={() => onChooseDate(d.date)} />
        ))}
      </View>
      {day ? (
        <View className='palm-stack'>
          <Text id={`${idPrefix}-day-title`} className='book__line palm-font-large'>
            {dayLabel(day.date)}
          </Text>
          {day.note ? <Text id={`${idPrefix}-day-note`} className='book__line'>{day.note}</Text> : null}
          {!day.release.isReleased && day.release.label ? (
            <View id={`${idPrefix}-release`}>
              <StatusTag tone='notice' text={day.release.label} />
              <Text className='book__line'>放号后才能预约这一天，请到时再来。</Text>
            </View>
          ) : null}
          {shown.length > 0 ? (
            <View className='book__slots' role='radiogroup' aria-label='选择时段'>
              {shown.map((slot, index) => (
                <SlotRow
                  key={slot.id}
                  id={`${idPrefix}-slot-${index}`}
                  slot={slot}
                  isChosen={slot.id === slotId}
                  isCurrent={slot.id === currentSlotId}
                  isChoosable={slot.id !== currentSlotId && isChoosable(slot, canChooseFull)}
                  onChoose={() => onChooseSlot(slot)}
                />
              ))}
            </View>
          ) : null}
          {day.items.length > 0 && shown.length === 0 ? <Text className='book__line'>这一天的时段都已过去，请选择其他日期。</Text> : null}
          {pastCount > 0 && shown.length > 0 ? <Text className='book__line palm-secondary'>已过去的时段不再显示。</Text> : null}
        </View>
      ) : null}
    </View>
  );
}
