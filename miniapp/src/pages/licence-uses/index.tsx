// 使用记录 of one licence: each 亮证 (and each screen capture of its page, 截屏, and each time the full
// number was shown, 查看完整号码) — when, for what, by whom (the holder or 代出示), whether a window
// checked it, in which hall and at which window, and which fields it saw. A check at a window shows
// here without a reload: the list is read again every few seconds while the page is on screen, and
// not while it is hidden or gone.
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { messageOf } from '../../api/errors';
import { listLicenceUses, type LicenceUse } from '../../api/licences';
import { useSession } from '../../api/session';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { PageShell } from '../../components/page-shell';
import { SignInNeeded } from '../../components/sign-in-needed';
import { StatusTag } from '../../components/status-tag';
import { usePageShown } from '../../features/licences/page-timers';
import { whenWords } from '../../features/licences/words';
import { serverNow } from '../../lib/server-clock';
import '../../components/record-list/index.scss';

/** How often the list is read again while on screen. */
export const USES_POLL_MS = 4000;

function placeWords(use: LicenceUse): string {
  if (!use.office) return '';
  return use.counter ? `${use.office.name} ${use.counter.name}` : use.office.name;
}

/** What a note (not a 亮证) says: a screen capture of the licence page, or the full number shown. */
const NOTE_WORDS = {
  CAPTURE: { what: '截屏', when: '截屏', onBehalf: '代出示时', detail: '证照页面被截屏或录屏。如果不是您本人所为，请注意保管手机。' },
  REVEAL: { what: '查看完整号码', when: '查看', onBehalf: '代办时', detail: '在本机上显示了完整证照号码30秒，没有向任何人出示。' },
} as const;

/** A screen capture (WeChat noticed it) or the full number shown: when and by whom, nothing disclosed. */
function NoteRow({ use, kind, index }: { use: LicenceUse; kind: keyof typeof NOTE_WORDS; index: number }) {
  const id = `licence-use-${index}`;
  const words = NOTE_WORDS[kind];
  return (
    <View id={id} className='record-list__row'>
      <View className='record-list__head'>
        <Text className='record-list__strong'>{words.what}</Text>
        <StatusTag id={`${id}-state`} tone='notice' text='已记录' />
      </View>
      <Text className='palm-secondary'>{`${words.when}：${whenWords(use.presentedAt)}${use.presentedBy.self ? '' : `（${use.presentedBy.nameMasked} ${words.onBehalf}）`}`}</Text>
      <Text id={`${id}-fields`}>{words.detail}</Text>
    </View>
  );
}

function UseRow({ use, index }: { use: LicenceUse; index: number }) {
  if (use.kind !== 'PRESENTATION') return <NoteRow use={use} kind={use.kind} index={index} />;
  const id = `licence-use-${index}`;
  const isLapsed = !use.verifiedAt && Date.parse(use.expiresAt) < serverNow();
  return (
    <View id={id} className='record-list__row'>
      <View className='record-list__head'>
        <Text className='record-list__strong'>{use.purpose.name}</Text>
        {use.verifiedAt ? (
          <StatusTag id={`${id}-state`} tone='open' text='已核验' />
        ) : isLapsed ? (
          <StatusTag id={`${id}-state`} tone='closed' text='未核验（已失效）' />
        ) : (
          <StatusTag id={`${id}-state`} tone='notice' text='等待核验' />
        )}
      </View>
      <Text className='palm-secondary'>{`出示：${whenWords(use.presentedAt)}${use.presentedBy.self ? '' : `（${use.presentedBy.nameMasked} 代出示）`}`}</Text>
      {use.verifiedAt ? (
        <Text id={`${id}-where`} className='record-list__strong'>
          {`核验：${whenWords(use.verifiedAt)}${placeWords(use) ? ` · ${placeWords(use)}` : ''}`}
        </Text>
      ) : null}
      <Text id={`${id}-fields`}>{`${use.verifiedAt ? '对方看到' : '对方可看到'}：${use.fields.map((f) => f.label).join('、')}`}</Text>
    </View>
  );
}

export default function LicenceUsesPage() {
  const id = useRouter().params.id ?? '';
  const { isSignedIn } = useSession();
  const isShown = usePageShown();
  const [items, setItems] = useState<LicenceUse[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Read now and every USES_POLL_MS while on screen; a failed read says so and keeps trying.
  useEffect(() => {
    if (!isSignedIn || !id || !isShown) return undefined;
    let isLive = true;
    const read = async () => {
      try {
        const page = await listLicenceUses(id, undefined, { isQuiet: true });
        if (!isLive) return;
        setItems(page.items);
        setError(null);
      } catch (failure) {
        if (isLive) setError(messageOf(failure));
      }
    };
    void read();
    const timer = setInterval(() => void read(), USES_POLL_MS);
    return () => {
      isLive = false;
      clearInterval(timer);
    };
  }, [id, isSignedIn, isShown]);

  if (!isSignedIn) {
    return (
      <PageShell title='使用记录'>
        <SignInNeeded id='licence-uses-sign-in' title='登录后可以查看证照使用记录' />
      </PageShell>
    );
  }
  return (
    <PageShell title='使用记录' className='licence-uses'>
      <Text className='palm-secondary'>每次亮证都记在这里；窗口扫码核验后，几秒内就会显示在哪个大厅、哪个窗口核验，对方看到了哪些信息。</Text>
      <View className='palm-spacer' />
      {error ? <ErrorState id='licence-uses-error' message={error} /> : null}
      {items === null && !error ? <Text className='palm-secondary'>正在加载…</Text> : null}
      {items && items.length === 0 ? (
        <Text id='licence-uses-empty' className='palm-secondary'>
          这张证照还没有出示过。
        </Text>
      ) : null}
      {items && items.length > 0 ? (
        <Card id='licence-uses-list'>
          {items.map((use, index) => (
            <UseRow key={use.id} use={use} index={index} />
          ))}
        </Card>
      ) : null}
    </PageShell>
  );
}
