// 上门帮办: the worker's open tasks, soonest visit first, with 安排上门帮办 to plan another; the
// ended ones on request. What a step did is said in the page (长辈版: no toasts).
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { listTasks, type GridResident, type GridTask } from '../../api/grid';
import { useApi } from '../../api/use-api';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { scrollTo } from '../../features/appointments/scroll';
import { serverToday } from '../../lib/server-clock';
import { PlanPanel } from './plan-panel';
import { TaskCard } from './task-card';
import { plannedLabel } from './words';

export interface TaskSectionProps {
  residents: readonly GridResident[];
  /** Planning is open (from here, or from a roster row with its resident). */
  planning: { residentId?: string } | null;
  onPlanning: (planning: { residentId?: string } | null) => void;
}

export function TaskSection({ residents, planning, onPlanning }: TaskSectionProps) {
  const open = useApi(() => listTasks('open', undefined, { isQuiet: true }), []);
  const [isShowingEnded, setIsShowingEnded] = useState(false);
  const ended = useApi(isShowingEnded ? () => listTasks('closed', undefined, { isQuiet: true }) : null, [isShowingEnded]);
  const [said, setSaid] = useState<string | null>(null);
  const tasks = open.data?.items ?? [];

  const changed = (_task: GridTask, words: string) => {
    setSaid(words);
    open.reload();
    if (isShowingEnded) ended.reload();
  };

  return (
    <>
      <Card id='grid-tasks' title={open.data ? `上门帮办（${tasks.length}）` : '上门帮办'}>
        {said ? (
          <View id='grid-said' className='grid__said' role='status'>
            {said}
          </View>
        ) : null}
        {open.error ? <ErrorState id='grid-tasks-error' message={open.error.message} onRetry={open.reload} /> : null}
        {open.isLoading ? <Text className='palm-secondary'>正在加载…</Text> : null}
        {open.data && tasks.length === 0 ? (
          <Text id='grid-tasks-empty' className='grid__line'>
            现在没有待上门的任务。
          </Text>
        ) : null}
        {tasks.map((task, index) => (
          <TaskCard key={task.id} task={task} index={index} onChange={changed} />
        ))}
        {planning ? null : (
          <View className='palm-stack--spaced'>
            <Button
              id='grid-plan-open'
              isBlock
              onClick={() => {
                onPlanning({});
                scrollTo('#grid-plan');
              }}
            >
              安排上门帮办
            </Button>
          </View>
        )}
      </Card>
      {planning ? (
        <PlanPanel
          key={planning.residentId ?? 'any'}
          residents={residents}
          residentId={planning.residentId}
          onClose={() => onPlanning(null)}
          onPlanned={(task) => {
            onPlanning(null);
            setSaid(`已安排：${plannedLabel(task.plannedDate, serverToday())}上门，为${task.resident.nameMasked ?? '居民'}办理${task.service.name}。`);
            open.reload();
            scrollTo('#grid-tasks');
          }}
        />
      ) : null}
      <Button id='grid-ended-toggle' variant='text' isBlock isExpanded={isShowingEnded} onClick={() => setIsShowingEnded((shown) => !shown)}>
        {isShowingEnded ? '收起已结束的任务' : '查看已结束的任务'}
      </Button>
      {isShowingEnded ? (
        <Card id='grid-ended' title='已结束的任务'>
          {ended.error ? <ErrorState message={ended.error.message} onRetry={ended.reload} /> : null}
          {ended.data && ended.data.items.length === 0 ? <Text className='grid__line'>还没有已结束的任务。</Text> : null}
          {ended.data?.items.map((task, index) => <TaskCard key={task.id} task={task} index={100 + index} onChange={changed} />)}
        </Card>
      ) : null}
    </>
  );
}
