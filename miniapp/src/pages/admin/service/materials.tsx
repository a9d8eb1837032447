// The guide's materials as rows: each says what it is in words (必须/非必须, how many originals and
// copies, the e-licence that may replace it); 修改 opens its fields, 删除 takes it out; a new row
// opens ready to fill. Problems show under a row whether it is open or not.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { E_LICENCE_LABELS, LICENCE_TYPES, type LicenceTypeKey } from '@palm/shared';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { Chips } from '../../../components/chips';
import { TextField } from '../../../components/text-field';
import { materialDraftOf, materialFacts, type MaterialDraft, type MaterialProblems } from '../model';
import { Problem, YesNo } from '../shared';

const NONE = 'NONE';
const LICENCE_CHIPS = [{ key: NONE, text: '无' }, ...LICENCE_TYPES.map((type) => ({ key: type, text: E_LICENCE_LABELS[type] }))];

/** How a row reads while closed: the typed values in the guide's words (counts not yet numbers read as 0). */
const rowWords = (m: MaterialDraft): string => materialFacts({ required: m.required, originals: Number(m.originals) || 0, copies: Number(m.copies) || 0, licenceType: m.licenceType, note: m.note.trim() || null });

export function MaterialsEditor({ materials, problems, onChange }: { materials: MaterialDraft[]; problems: MaterialProblems[]; onChange: (next: MaterialDraft[]) => void }) {
  const [openKey, setOpenKey] = useState<string | null>(null);
  const update = (key: string, patch: Partial<MaterialDraft>) => onChange(materials.map((m) => (m.key === key ? { ...m, ...patch } : m)));
  const add = () => {
    const material = materialDraftOf();
    onChange([...materials, material]);
    setOpenKey(material.key);
  };
  return (
    <Card id='admin-guide-materials' title={`所需材料（${materials.length}项）`}>
      {materials.length === 0 ? <Text className='palm-secondary'>还没有材料。</Text> : null}
      {materials.map((material, index) => {
        const prefix = `admin-guide-material-${index}`;
        const isOpen = openKey === material.key;
        const problem = problems[index] ?? {};
        return (
          <View key={material.key} id={prefix} className='admin-row'>
            <View className='admin-row__main'>
              <Text className='admin-row__title'>{`${index + 1}. ${material.name.trim() || '（未填名称）'}`}</Text>
              <Text>{rowWords(material)}</Text>
            </View>
            <View className='admin-actions'>
              <Button id={`${prefix}-edit`} variant='secondary' isExpanded={isOpen} onClick={() => setOpenKey(isOpen ? null : material.key)}>
                {isOpen ? '收起' : '修改'}
              </Button>
              <Button id={`${prefix}-remove`} variant='secondary' onClick={() => onChange(materials.filter((m) => m.key !== material.key))}>
                删除
              </Button>
            </View>
            <View className='admin-row__form'>
              {isOpen ? (
                <>
                  <TextField id={`${prefix}-name`} label='材料名称' value={material.name} maxLength={60} onInput={(name) => update(material.key, { name })} />
                  <Problem id={`${prefix}-name-problem`} text={problem.name} />
                  <YesNo idPrefix={`${prefix}-required`} label='是否必须' yes='必须' no='非必须' value={material.required} onChange={(required) => update(material.key, { required })} />
                  <View className='admin-counts'>
                    <TextField id={`${prefix}-originals`} label='原件（份）' type='number' value={material.originals} maxLength={2} onInput={(originals) => update(material.key, { originals: originals.trim() })} />
                    <TextField id={`${prefix}-copies`} label='复印件（份）' type='number' value={material.copies} maxLength={2} onInput={(copies) => update(material.key, { copies: copies.trim() })} />
                  </View>
                  <Problem id={`${prefix}-counts-problem`} text={problem.counts} />
                  <Chips idPrefix={`${prefix}-licence`} label='可用电子证照替代' chips={LICENCE_CHIPS} chosen={material.licenceType ?? NONE} onChoose={(key) => update(material.key, { licenceType: key === NONE ? null : (key as LicenceTypeKey) })} />
                  <TextField id={`${prefix}-note`} label='备注（可不填）' value={material.note} placeholder='例如 他人代办时提供' maxLength={200} onInput={(note) => update(material.key, { note })} />
                  <Problem id={`${prefix}-note-problem`} text={problem.note} />
                </>
              ) : (
                <>
                  <Problem id={`${prefix}-name-problem`} text={problem.name} />
                  <Problem id={`${prefix}-counts-problem`} text={problem.counts} />
                  <Problem id={`${prefix}-note-problem`} text={problem.note} />
                </>
              )}
            </View>
          </View>
        );
      })}
      <View className='palm-spacer' />
      <Button id='admin-guide-material-add' variant='secondary' isBlock onClick={add}>
        添加一项材料
      </Button>
    </Card>
  );
}
