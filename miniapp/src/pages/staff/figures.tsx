// 统计 per office (issue 16 item 4): cases by state, the on-time rate, the callback rate against its
// goal of 100 %, and the rating distribution. Each is a table (role=table with row and column
// headers) whose bars are plain CSS beside the number in text: the bar is never the only figure.
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { RATING_LEVEL_LABELS, RATING_LEVELS, REPORT_STATUS_LABELS, REPORT_STATUSES } from '@palm/shared';
import { getFigures, type OfficeFigures, type StaffFigures } from '../../api/desk';
import { messageOf } from '../../api/errors';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { percent } from './model';

interface Row {
  label: string;
  value: number;
  /** The bar's length, 0…1. */
  share: number;
  text: string;
}

function BarTable({ id, caption, head, rows }: { id: string; caption: string; head: string; rows: Row[] }) {
  return (
    <View id={id} className='desk-table' role='table' aria-label={caption}>
      <View className='desk-table__caption' aria-hidden='true'>
        {caption}
      </View>
      <View className='desk-table__row desk-table__row--head' role='row'>
        <View role='columnheader' className='desk-table__label'>
          {head}
        </View>
        <View role='columnheader' className='desk-table__value'>
          数量
        </View>
      </View>
      {rows.map((row) => (
        <View key={row.label} className='desk-table__row' role='row'>
          <View role='rowheader' className='desk-table__label'>
            {row.label}
          </View>
          <View role='cell' className='desk-table__value'>
            <Text className='desk-table__number'>{row.text}</Text>
            <View className='desk-bar' aria-hidden='true'>
              <View className='desk-bar__fill' style={{ width: `${Math.round(row.share * 100)}%` }} />
            </View>
          </View>
        </View>
      ))}
    </View>
  );
}

/** One rate with its goal, as a line of text and a bar. */
function Rate({ id, label, rate, detail, goal }: { id: string; label: string; rate: number | null; detail: string; goal?: string }) {
  const below = goal !== undefined && rate !== null && rate < 1;
  return (
    <View id={id} className='desk-rate'>
      <Text className='desk-row__title'>
        {label}：{percent(rate)}
      </Text>
      <View className='desk-bar' aria-hidden='true'>
        <View className='desk-bar__fill' style={{ width: `${Math.round((rate ?? 0) * 100)}%` }} />
      </View>
      <Text className='palm-secondary'>
        {detail}
        {goal ? `；目标 ${goal}` : ''}
        {below ? '，未达标' : ''}
      </Text>
    </View>
  );
}

export function officeRows(f: OfficeFigures): { states: Row[]; ratings: Row[] } {
  const stateMax = Math.max(1, ...REPORT_STATUSES.map((s) => f.byState[s] ?? 0));
  const ratingTotal = RATING_LEVELS.reduce((sum, l) => sum + (f.ratings[String(l)] ?? 0), 0);
  return {
    states: REPORT_STATUSES.map((s) => {
      const value = f.byState[s] ?? 0;
      return { label: REPORT_STATUS_LABELS[s], value, share: value / stateMax, text: `${value}件` };
    }),
    ratings: RATING_LEVELS.map((l) => {
      const value = f.ratings[String(l)] ?? 0;
      const share = ratingTotal > 0 ? value / ratingTotal : 0;
      return { label: RATING_LEVEL_LABELS[l], value, share, text: `${value}条（${ratingTotal > 0 ? Math.round(share * 100) : 0}%）` };
    }),
  };
}

export function Figures() {
  const [figures, setFigures] = useState<StaffFigures | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    getFigures({ isQuiet: true })
      .then((next) => {
        setFigures(next);
        setError(null);
      })
      .catch((failure: unknown) => setError(messageOf(failure)));
  }, []);
  useEffect(load, [load]);

  if (error) return <ErrorState id='desk-figures-error' message={error} onRetry={load} />;
  if (!figures) return <Text className='palm-secondary'>正在加载…</Text>;
  if (figures.items.length === 0) return <Card><Text id='desk-figures-empty'>暂无统计。</Text></Card>;
  return (
    <View id='desk-figures'>
      {figures.items.map((f, index) => {
        const rows = officeRows(f);
        return (
          <Card key={f.office.id} id={`desk-figures-${index}`} title={f.office.name}>
            <View className='desk-figures'>
              <View className='desk-figures__rates'>
                <Rate id={`desk-figures-${index}-on-time`} label='按期办结率' rate={f.onTime.rate} detail={`已办结${f.onTime.resolved}件，按期${f.onTime.onTime}件`} />
                <Rate id={`desk-figures-${index}-callback`} label='差评回访率' rate={f.callback.rate} detail={`差评${f.callback.bad}条，已回访${f.callback.calledBack}条`} goal='100%' />
              </View>
              <BarTable id={`desk-figures-${index}-states`} caption='案件状态' head='状态' rows={rows.states} />
              <BarTable id={`desk-figures-${index}-ratings`} caption='评价分布' head='评价' rows={rows.ratings} />
            </View>
          </Card>
        );
      })}
    </View>
  );
}
