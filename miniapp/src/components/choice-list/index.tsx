// A list of choices (halls, services) as whole-row targets; role=radio with aria-checked, and the
// chosen row says ✓ 已选 in words (in place of its tag, if it has one).
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { OfficeSummary } from '@palm/shared/server';
import { formatDistance, joinFacts, officeStatus } from '../../lib/format';
import { cx } from '../class-names';
import './index.scss';
import { pressable } from '../pressable';

export interface Choice {
  id: string;
  title: string;
  detail?: ReactNode;
  /** A short word on the row's right (最近办过): beside the title rather than under it, so the row stays one line. */
  tag?: string;
}

/** Nearby halls (nearest first) as choices: 3 in elder mode, else 8; each says 营业中/休息中 and how far. */
export function officeChoices(offices: readonly OfficeSummary[], isElder: boolean): Choice[] {
  return offices.slice(0, isElder ? 3 : 8).map((o) => ({
    id: o.id,
    title: o.name,
    detail: joinFacts(officeStatus(o).text, formatDistance(o.distanceMeters)),
  }));
}

export interface ChoiceListProps {
  idPrefix: string;
  label: string;
  choices: readonly Choice[];
  chosenId: string | undefined;
  onChoose: (id: string) => void;
}

export function ChoiceList({ idPrefix, label, choices, chosenId, onChoose }: ChoiceListProps) {
  return (
    <View role='radiogroup' aria-label={label}>
      {choices.map((choice, index) => {
        const isChosen = choice.id === chosenId;
        return (
          <View
            key={choice.id}
            id={`${idPrefix}-${index}`}
            className={cx('palm-choice', isChosen && 'palm-choice--chosen')}
            {...pressable(() => onChoose(choice.id), 'radio')}
            aria-checked={isChosen ? 'true' : 'false'}
          >
            <View className='palm-choice__text'>
              <Text>{choice.title}</Text>
              {choice.detail ? <View className='palm-secondary'>{choice.detail}</View> : null}
            </View>
            {choice.tag && !isChosen ? <Text className='palm-choice__tag palm-secondary'>{choice.tag}</Text> : null}
            {isChosen ? <Text className='palm-choice__mark'>✓ 已选</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
