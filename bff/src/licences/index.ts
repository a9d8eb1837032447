// The e-licence domain (电子证照, 亮证; DESIGN.md §3 Licence, LicencePresentation, §4): the wallet
// and its sync from the issuer platform, presenting a licence for a purpose with a signed
// single-use token (service.ts, tokens.ts), the keys that sign them and their JWKS (keys.ts), and
// a clerk's verification (verify.ts). Its services are decorators (`app.licences`,
// `app.licenceKeys`, `app.licenceVerifier`); its policy actions: policy.ts; its notification
// kind: notifications.ts. README.md says how the pieces hold together.
import fp from 'fastify-plugin';
import { LicenceKeys } from './keys';
import { LicenceService } from './service';
import { LicenceVerifier } from './verify';

declare module 'fastify' {
  interface FastifyInstance {
    licences: LicenceService;
    licenceKeys: LicenceKeys;
    licenceVerifier: LicenceVerifier;
  }
}

export default fp(
  async (app) => {
    app.decorate('licences', new LicenceService(app));
    app.decorate('licenceKeys', new LicenceKeys(app));
    app.decorate('licenceVerifier', new LicenceVerifier(app));
    // Configured keys are read at start: a bad JWK stops the boot with the variable's name, rather
    // than failing every 亮证 later. Database keys are made on first use (a migration may be pending).
    if (app.config.LICENCE_SIGNING_KEY || app.config.LICENCE_SIGNING_KEY_PREVIOUS) await app.licenceKeys.jwks();
    else if (app.config.isProduction) app.log.warn('亮证 is off: no signing key configured (LICENCE_SIGNING_KEY)');
  },
  // Every presentation, reveal, sync and verification is audited; a verification is told through notify.
  { name: 'licences', dependencies: ['notify', 'policy', 'audit'] },
);
