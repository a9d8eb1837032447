// 评价这次办理 — offered where a handling has ended (a finished ticket, a done appointment, a
// resolved report): opens the rating sheet.
import { Button } from '../../components/button';
import { openRatingSheet, type RateTarget } from './open';

export function RateEntry({ id, target, label = '评价这次办理' }: { id: string; target: RateTarget; label?: string }) {
  return (
    <Button id={id} isBlock onClick={() => openRatingSheet(target)}>
      {label}
    </Button>
  );
}
