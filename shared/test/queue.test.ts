import fc from 'fast-check';
import {
  canTransition,
  estimateAccuracy,
  chooseNext,
  estimateWait,
  formatDisplayNumber,
  isTurnNear,
  nextServiceTime,
  peopleAhead,
  type QueueCandidate,
} from '../src/queue';

describe('formatDisplayNumber', () => {
  it('writes the letter and at least three digits', () => {
    expect(formatDisplayNumber('A', 23)).toBe('A023');
    expect(formatDisplayNumber('B', 1)).toBe('B001');
    expect(formatDisplayNumber('C', 1234)).toBe('C1234');
  });
});

describe('service time and estimate', () => {
  it('moves the average 20 % towards each sample', () => {
    expect(nextServiceTime(10, 20)).toBeCloseTo(12);
    fc.assert(fc.property(fc.double({ min: 0, max: 300, noNaN: true }), fc.double({ min: 0, max: 300, noNaN: true }), (prev, sample) => {
      const next = nextServiceTime(prev, sample);
      return next >= Math.min(prev, sample) - 1e-9 && next <= Math.max(prev, sample) + 1e-9;
    }));
  });

  it('estimates people ahead × minutes ÷ open counters as a range around it', () => {
    expect(estimateWait(6, 10, 2)).toEqual({ lowMinutes: 24, highMinutes: 38 });
    expect(estimateWait(0, 10, 2)).toEqual({ lowMinutes: 0, highMinutes: 0 });
    expect(estimateWait(5, 10, 0)).toBeNull();
    fc.assert(fc.property(fc.nat(500), fc.double({ min: 0.5, max: 120, noNaN: true }), fc.integer({ min: 1, max: 20 }), (ahead, minutes, counters) => {
      const e = estimateWait(ahead, minutes, counters)!;
      const point = (ahead * minutes) / counters;
      return e.lowMinutes <= point && point <= e.highMinutes;
    }));
  });

  it('says the turn is near at ≤ 3 ahead or ≤ 10 minutes', () => {
    expect(isTurnNear(3, { lowMinutes: 20, highMinutes: 30 })).toBe(true);
    expect(isTurnNear(4, { lowMinutes: 8, highMinutes: 10 })).toBe(true);
    expect(isTurnNear(4, { lowMinutes: 9, highMinutes: 11 })).toBe(false);
    expect(isTurnNear(4, null)).toBe(false);
    expect(isTurnNear(5, null, { nearPeopleAhead: 5, nearMinutes: 1, maxPriorityStreak: 3 })).toBe(true);
  });
});

describe('chooseNext', () => {
  const t = (id: string, priority: QueueCandidate['priority'], queuedAt: number): QueueCandidate => ({ id, priority, queuedAt });

  it('calls APPOINTMENT, then ELDERLY/DISABLED, then NORMAL, each in line order', () => {
    const waiting = [t('n1', 'NORMAL', 1), t('e1', 'ELDERLY', 5), t('a1', 'APPOINTMENT', 9), t('d1', 'DISABLED', 3)];
    expect(chooseNext(waiting, 0, 3)?.id).toBe('a1');
    expect(chooseNext(waiting.filter((c) => c.id !== 'a1'), 0, 3)?.id).toBe('d1');
  });

  it('never lets a waiting normal ticket be passed by more than N priority tickets in a row', () => {
    const waiting = [t('n1', 'NORMAL', 1), t('e1', 'ELDERLY', 5)];
    expect(chooseNext(waiting, 2, 3)?.id).toBe('e1');
    expect(chooseNext(waiting, 3, 3)?.id).toBe('n1');
    // Nobody normal waiting: priority goes on.
    expect(chooseNext([t('e1', 'ELDERLY', 5)], 9, 3)?.id).toBe('e1');
    expect(chooseNext([], 0, 3)).toBeNull();
  });

  it('serves everyone eventually: simulated over random queues, a normal ticket waits at most N priority calls once it is first among normals', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<QueueCandidate['priority']>('NORMAL', 'ELDERLY', 'APPOINTMENT'), { minLength: 1, maxLength: 40 }), (kinds) => {
        let waiting = kinds.map((kind, i) => t(`t${i}`, kind, i));
        let streak = 0;
        let passed = 0;
        while (waiting.length > 0) {
          const next = chooseNext(waiting, streak, 3)!;
          const oldestNormal = waiting.filter((c) => c.priority === 'NORMAL').sort((a, b) => a.queuedAt - b.queuedAt)[0];
          if (oldestNormal && next.id !== oldestNormal.id && next.priority !== 'NORMAL') passed += 1;
          else passed = 0;
          if (passed > 3) return false;
          streak = next.priority === 'NORMAL' ? 0 : streak + 1;
          waiting = waiting.filter((c) => c.id !== next.id);
        }
        return true;
      }),
    );
  });

  it('counts the people ahead in the same order', () => {
    const waiting = [t('n1', 'NORMAL', 1), t('n2', 'NORMAL', 2), t('e1', 'ELDERLY', 5)];
    expect(peopleAhead(waiting[1]!, waiting)).toBe(2);
    expect(peopleAhead(waiting[2]!, waiting)).toBe(0);
  });
});

describe('ticket transitions', () => {
  it('allows only the steps of the life cycle', () => {
    expect(canTransition('call', 'WAITING')).toBe(true);
    expect(canTransition('start', 'CALLED')).toBe(true);
    expect(canTransition('finish', 'SERVING')).toBe(true);
    expect(canTransition('finish', 'WAITING')).toBe(false);
    expect(canTransition('cancel', 'DONE')).toBe(false);
    expect(canTransition('rejoin', 'SKIPPED')).toBe(true);
  });
});

describe('estimateAccuracy', () => {
  it('reports the share inside the range and the mean distance outside it', () => {
    const report = estimateAccuracy([
      { lowMinutes: 8, highMinutes: 12, actualMinutes: 10 },
      { lowMinutes: 8, highMinutes: 12, actualMinutes: 16 },
      { lowMinutes: 8, highMinutes: 12, actualMinutes: 6 },
      { lowMinutes: 0, highMinutes: 0, actualMinutes: 0 },
    ]);
    expect(report).toEqual({ samples: 4, withinRangeShare: 0.5, meanErrorMinutes: 1.5 });
    expect(estimateAccuracy([])).toEqual({ samples: 0, withinRangeShare: null, meanErrorMinutes: null });
  });
});
