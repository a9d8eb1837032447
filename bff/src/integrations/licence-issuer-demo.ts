// The demo e-licence register: the seeded people's licences (seeds/data/licences.ts), answered by
// the in-process issuer of development (no platform configured, never in production) and by the
// test stub over HTTP (bff/test/stubs/licence-issuer-stub.ts). A person's licences are found by
// ID number, and only when the name is the register's name for it; anyone else has none.
import { ALL_DEMO_USERS } from '../../../seeds/data/people';
import { DEMO_LICENCES } from '../../../seeds/data/licences';
import type { IssuedLicence, LicenceIssuer } from './licence-issuer';

/** idNumber → { name, licences } of every seeded person who holds any. */
export function demoLicenceRegister(): Map<string, { name: string; licences: IssuedLicence[] }> {
  const register = new Map<string, { name: string; licences: IssuedLicence[] }>();
  for (const person of ALL_DEMO_USERS) {
    const licences = DEMO_LICENCES.filter((l) => l.holderKey === person.key).map(
      (l): IssuedLicence => ({ type: l.type, number: l.number, issuer: l.issuer, validFrom: l.validFrom, validUntil: l.validUntil, status: l.status, fields: { ...l.fields } as Record<string, string> }),
    );
    register.set(person.idNumber, { name: person.name, licences });
  }
  return register;
}

export function createDemoLicenceIssuer(register = demoLicenceRegister()): LicenceIssuer {
  return {
    licencesOf: async ({ name, idNumber }) => {
      const entry = register.get(idNumber);
      return entry && entry.name === name ? entry.licences.map((l) => ({ ...l, fields: { ...l.fields } })) : [];
    },
  };
}
