// The e-licence domain's notification kind (notify/kind-spec.ts): the holder is told at once, in
// the app, each time a licence of theirs was checked — which licence, for what, at which hall, how
// many fields were shown (使用记录 has the rest). In-app only: no platform template. The facts hold
// no number and no name.
import { LICENCE_TYPE_LABELS, type LicenceTypeKey } from '@palm/shared';
import { defineKinds, kind } from '../notify/kind-spec';
import { businessDay } from '../notify/text';

/** Facts of LICENCE_VERIFIED (the row's payload). */
export interface LicenceVerifiedFacts {
  presentationId: string;
  licenceType: LicenceTypeKey;
  purposeName: string;
  officeName: string | null;
  fieldCount: number;
  at: string;
}

export function renderLicenceVerifiedInApp(f: LicenceVerifiedFacts): { title: string; body: string } {
  const { day, time } = businessDay(f.at);
  const where = f.officeName ? `在${f.officeName}` : '';
  return {
    title: '电子证照已被核验',
    body: `您的${LICENCE_TYPE_LABELS[f.licenceType]}于${day} ${time}${where}因“${f.purposeName}”被工作人员核验，对方看到了${f.fieldCount}项信息。详情见“我的 → 证照 → 使用记录”；如非本人出示，请及时联系大厅。`,
  };
}

export const LICENCE_NOTIFICATIONS = defineKinds({
  LICENCE_VERIFIED: kind<LicenceVerifiedFacts>({ template: null, inApp: renderLicenceVerifiedInApp }),
});
