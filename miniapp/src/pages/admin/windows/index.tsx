// 窗口管理 (issue 17 item 3): a hall's windows (`GET /api/admin/offices/:id/counters`, retired ones
// too) with the queue letters each serves — named by the hall's services of that letter — and its
// clerk; add a window (name, letters: one or several, all of them for a 全科窗口), rename one,
// change its letters, assign its clerk (one of the hall's clerks, or nobody; a confirmation first
// when it takes the window from the clerk there), retire one after a confirmation that says what retiring does. Admins any
// hall (?id=), a hall manager their own; the BFF's refusals (a number still at the window, a
// retired one) are shown in its words.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { createCounter, getAdminOffice, listCounters, patchCounter, type AdminCounter, type AdminOffice } from '../../../api/admin';
import { listHallClerks, type AdminStaff } from '../../../api/admin-hall';
import { useApi } from '../../../api/use-api';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ChoiceList } from '../../../components/choice-list';
import { ErrorState } from '../../../components/error-state';
import { StatusTag } from '../../../components/status-tag';
import { TextField } from '../../../components/text-field';
import { clerkConsequence } from '../hall-model';
import { counterProblems, lettersOf } from '../model';
import { Confirm, Done, HallPage, Problem, Toggle, reloadAll, useAction } from '../shared';
import '../shared.scss';

export default function AdminWindowsPage() {
  return <HallPage title='窗口管理'>{(id) => <Windows id={id} />}</HallPage>;
}

const STATE_WORDS: Readonly<Record<AdminCounter['state'], string>> = { OPEN: '开放中', PAUSED: '暂停', CLOSED: '已关闭' };

function Windows({ id }: { id: string }) {
  const office = useApi(id ? () => getAdminOffice(id, { isQuiet: true }) : null, [id]);
  const counters = useApi(id ? () => listCounters(id, { isQuiet: true }) : null, [id]);
  const clerks = useApi(id ? () => listHallClerks(id, { isQuiet: true }) : null, [id]);
  // After a change the list is read again in place (the forms keep what they said).
  const [fresh, setFresh] = useState<AdminCounter[] | null>(null);
  const items = fresh ?? counters.data?.items;
  const refresh = () => void listCounters(id, { isQuiet: true }).then((list) => setFresh(list.items), counters.reload);
  if (!id) return <ErrorState id='admin-windows-none' message='没有指定大厅，请从管理后台选择。' />;
  const error = office.error ?? counters.error ?? clerks.error;
  if (error) {
    return (
      <ErrorState id='admin-windows-error' message={error.message} onRetry={reloadAll(office, counters, clerks)} />
    );
  }
  if (!office.data || !items || !clerks.data) return <Text className='palm-secondary'>正在加载…</Text>;
  return (
    <View>
      <Text id='admin-windows-office' className='palm-section-title'>
        {office.data.name}
      </Text>
      <View className='admin-wide'>
        <Card id='admin-windows' title={`窗口（${items.filter((c) => !c.retired).length}个在用）`}>
          {items.map((counter, index) => (
            <WindowRow key={counter.id} index={index} counter={counter} office={office.data!} clerks={clerks.data!} windows={items} onChanged={refresh} />
          ))}
        </Card>
        <AddWindow office={office.data} clerks={clerks.data} windows={items} onAdded={refresh} />
      </View>
    </View>
  );
}

/** The hall's queue letters as toggles (role=checkbox), each named by its services; ✓ in words when on. */
function LetterChoice({ idPrefix, office, chosen, onChange }: { idPrefix: string; office: AdminOffice; chosen: readonly string[]; onChange: (letters: string[]) => void }) {
  const letters = lettersOf(office.services);
  return (
    <View role='group' aria-label='办理的业务类别'>
      <Text className='admin-row__title'>办理的业务类别（可多选，全选即全科窗口）</Text>
      {letters.map(({ letter, names }) => {
        const isOn = chosen.includes(letter);
        return (
          <Toggle
            key={letter}
            id={`${idPrefix}-letter-${letter}`}
            isOn={isOn}
            title={`${letter}类`}
            detail={names}
            onWords='已选'
            onToggle={() => onChange(isOn ? chosen.filter((l) => l !== letter) : [...chosen, letter].sort())}
          />
        );
      })}
    </View>
  );
}

const NOBODY = 'nobody';
/** A clerk by name; one invited who has not given their real name yet, by masked phone. */
const clerkName = (clerk: AdminStaff): string => clerk.name ?? clerk.phoneMasked ?? '工作人员';
/** Who works the window, in words (null: nobody). */
const holderOf = (counter: AdminCounter, clerks: readonly AdminStaff[]): string | null => {
  if (!counter.clerkId) return null;
  const clerk = clerks.find((c) => c.id === counter.clerkId);
  return counter.clerkName ?? (clerk ? clerkName(clerk) : '工作人员');
};

/** The hall's clerks as choices (or nobody); each says which other windows they already work. */
function ClerkChoice({ idPrefix, clerks, windows, self, chosen, onChange }: { idPrefix: string; clerks: readonly AdminStaff[]; windows: readonly AdminCounter[]; self?: string; chosen: string | null; onChange: (clerkId: string | null) => void }) {
  const elsewhere = (clerkId: string) => windows.filter((w) => w.clerkId === clerkId && w.id !== self && !w.retired).map((w) => `${w.number}号`);
  const choices = [
    { id: NOBODY, title: '暂不分配', detail: '工作人员开窗时再选择' },
    ...clerks.map((clerk) => {
      const at = elsewhere(clerk.id);
      return { id: clerk.id, title: clerkName(clerk), detail: `${clerk.phoneMasked ?? ''}${at.length > 0 ? `，现分配在 ${at.join('、')}窗口` : ''}` };
    }),
  ];
  return (
    <View>
      <ChoiceList idPrefix={`${idPrefix}-clerk`} label='负责的工作人员' choices={choices} chosenId={chosen ?? NOBODY} onChoose={(choice) => onChange(choice === NOBODY ? null : choice)} />
      {clerks.length === 0 ? <Text className='palm-secondary'>本大厅还没有窗口工作人员，请先在人员管理中邀请。</Text> : null}
      <View className='palm-spacer' />
    </View>
  );
}

interface WindowRowProps {
  index: number;
  counter: AdminCounter;
  office: AdminOffice;
  clerks: readonly AdminStaff[];
  windows: readonly AdminCounter[];
  onChanged: () => void;
}

function WindowRow({ index, counter, office, clerks, windows, onChanged }: WindowRowProps) {
  const [editing, setEditing] = useState<'edit' | 'clerk' | 'retire' | null>(null);
  const [name, setName] = useState(counter.name);
  const [letters, setLetters] = useState<string[]>(counter.categories);
  const [clerkId, setClerkId] = useState<string | null>(counter.clerkId);
  const action = useAction();
  const problems = counterProblems({ name, letters });
  const prefix = `admin-window-${index}`;
  const isAll = lettersOf(office.services).every(({ letter }) => counter.categories.includes(letter));
  const chosen = clerks.find((c) => c.id === clerkId);
  const chosenClerk = chosen ? { id: chosen.id, name: clerkName(chosen) } : null;
  const holder = holderOf(counter, clerks);
  const displaces = clerkId !== counter.clerkId ? clerkConsequence({ ...counter, clerkName: holder }, chosenClerk) : null;
  const save = () =>
    action.run(
      () =>
        patchCounter(
          counter.id,
          {
            ...(name.trim() !== counter.name ? { name: name.trim() } : {}),
            ...(letters.join() !== counter.categories.join() ? { categories: letters } : {}),
            ...(clerkId !== counter.clerkId ? { clerkId } : {}),
          },
          { isQuiet: true },
        ),
      (saved) => {
        setEditing(null);
        onChanged();
        const by = holderOf(saved, clerks);
        return `${counter.number}号窗口已保存${by ? `，由${by}负责` : '，暂无工作人员'}。`;
      },
      () => setEditing('edit'),
    );
  const retire = () =>
    action.run(
      () => patchCounter(counter.id, { retired: true }, { isQuiet: true }),
      () => {
        setEditing(null);
        onChanged();
        return `${counter.number}号窗口已停用。`;
      },
      () => setEditing(null),
    );
  const isChanged = name.trim() !== counter.name || letters.join() !== counter.categories.join() || clerkId !== counter.clerkId;
  return (
    <View id={prefix} data-counter-id={counter.id} className='admin-row'>
      <View className='admin-row__main'>
        <Text className='admin-row__title'>{`${counter.number}号窗口（${counter.name}）`}</Text>
        <Text>{isAll ? '全科窗口（办理所有类别）' : `办理：${counter.categories.map((l) => `${l}类`).join('、')}`}</Text>
        <Text className='palm-secondary'>{holder ? `工作人员：${holder}` : '未分配工作人员'}</Text>
        <StatusTag tone={counter.retired ? 'closed' : counter.state === 'OPEN' ? 'open' : 'neutral'} text={counter.retired ? '已停用' : STATE_WORDS[counter.state]} />
      </View>
      {counter.retired || editing ? null : (
        <View className='admin-actions'>
          <Button id={`${prefix}-edit`} variant='secondary' onClick={() => setEditing('edit')}>
            修改
          </Button>
          <Button id={`${prefix}-retire`} variant='secondary' onClick={() => setEditing('retire')}>
            停用
          </Button>
        </View>
      )}
      {editing === 'edit' ? (
        <View className='admin-row__form'>
          <TextField id={`${prefix}-name`} label='窗口名称' value={name} maxLength={40} onInput={setName} />
          <Problem id={`${prefix}-name-problem`} text={problems.name} />
          <LetterChoice idPrefix={prefix} office={office} chosen={letters} onChange={setLetters} />
          <Problem id={`${prefix}-letters-problem`} text={problems.letters} />
          <ClerkChoice idPrefix={prefix} clerks={clerks} windows={windows} self={counter.id} chosen={clerkId} onChange={setClerkId} />
          <View className='palm-stack palm-stack--spaced'>
            <Button id={`${prefix}-save`} isBlock isDisabled={Object.keys(problems).length > 0 || !isChanged} isLoading={action.isBusy} onClick={() => (displaces ? setEditing('clerk') : save())}>
              保存
            </Button>
            <Button id={`${prefix}-cancel`} variant='secondary' isBlock onClick={() => setEditing(null)}>
              不改了
            </Button>
          </View>
        </View>
      ) : null}
      {editing === 'clerk' && displaces ? (
        <View className='admin-row__form'>
          <Confirm idPrefix={`${prefix}-clerk`} title={`更换${counter.number}号窗口的工作人员？`} words={displaces} confirmText='确认更换' isBusy={action.isBusy} onConfirm={save} onCancel={() => setEditing('edit')} />
        </View>
      ) : null}
      {editing === 'retire' ? (
        <View className='admin-row__form'>
          <Confirm
            idPrefix={`${prefix}-retire`}
            title={`停用${counter.number}号窗口？`}
            words={`停用后，${counter.number}号窗口关闭${holder ? `，${holder}不再分配到这里` : ''}；转到这个窗口的号退回同类的其他窗口；它从工作人员的窗口列表、叫号屏和大厅页面上消失，以后不能再开启。窗口正在办理某个号时不能停用。`}
            confirmText='确认停用'
            isDanger
            isBusy={action.isBusy}
            onConfirm={retire}
            onCancel={() => setEditing(null)}
          />
        </View>
      ) : null}
      {action.error ? <ErrorState id={`${prefix}-error`} message={action.error} /> : null}
      <Done id={`${prefix}-done`} text={action.done} />
    </View>
  );
}

function AddWindow({ office, clerks, windows, onAdded }: { office: AdminOffice; clerks: readonly AdminStaff[]; windows: readonly AdminCounter[]; onAdded: () => void }) {
  const [name, setName] = useState('');
  const [letters, setLetters] = useState<string[]>([]);
  const [clerkId, setClerkId] = useState<string | null>(null);
  const [isChecked, setIsChecked] = useState(false);
  const action = useAction();
  const problems = counterProblems({ name, letters });
  const add = () => {
    setIsChecked(true);
    if (Object.keys(problems).length > 0) return;
    action.run(
      () => createCounter(office.id, { name: name.trim(), categories: letters, ...(clerkId ? { clerkId } : {}) }, { isQuiet: true }),
      (counter) => {
        setName('');
        setLetters([]);
        setClerkId(null);
        setIsChecked(false);
        onAdded();
        const by = holderOf(counter, clerks);
        return `已新增${counter.number}号窗口“${counter.name}”${by ? `，由${by}负责` : ''}，当前关闭，由工作人员在窗口工作台开启。`;
      },
    );
  };
  return (
    <Card id='admin-add-window' title='新增窗口'>
      <TextField id='admin-add-window-name' label='窗口名称' value={name} placeholder='例如 综合受理' maxLength={40} onInput={(value) => {
          setName(value);
          action.clear();
        }} />
      <Problem id='admin-add-window-name-problem' text={isChecked || name ? problems.name : null} />
      <LetterChoice idPrefix='admin-add-window' office={office} chosen={letters} onChange={(next) => {
          setLetters(next);
          action.clear();
        }} />
      <Problem id='admin-add-window-letters-problem' text={isChecked ? problems.letters : null} />
      <ClerkChoice idPrefix='admin-add-window' clerks={clerks} windows={windows} chosen={clerkId} onChange={setClerkId} />
      {action.error ? <ErrorState id='admin-add-window-error' message={action.error} /> : null}
      <View className='palm-spacer' />
      <Button id='admin-add-window-save' isBlock isLoading={action.isBusy} onClick={add}>
        新增窗口
      </Button>
      <Done id='admin-add-window-done' text={action.done} />
    </Card>
  );
}
