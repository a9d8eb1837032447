// Personal identifiers (resident ID numbers, phones) at rest: AES-256-GCM for the value, an HMAC
// for exact look-up, and a mask for display (DESIGN.md §3). Clear values are returned only to
// code that must act on them (an SMS send, a real-name check) and never to clients or logs.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { maskIdNumber, maskLicenceNumber, maskPhone } from '@palm/shared';

export interface PiiKeys {
  /** 32 bytes for AES-256-GCM. */
  encryptionKey: Buffer;
  /** Key for look-up HMACs (separate from the encryption key). */
  hmacKey: Buffer;
}

export interface ProtectedIdNumber {
  idNumberEnc: string;
  idNumberHash: string;
  idNumberMasked: string;
}

export interface ProtectedPhone {
  phoneEnc: string;
  phoneHash: string;
  phoneMasked: string;
}

export interface ProtectedLicenceNumber {
  numberEnc: string;
  numberHash: string;
  numberMasked: string;
}

const VERSION = 'v1';

/** Derives both keys from one secret (PALM_PII_KEY); keeps one env variable to manage. */
export function piiKeysFromSecret(secret: string): PiiKeys {
  return {
    encryptionKey: createHash('sha256').update(`palm-pii-enc:${secret}`).digest(),
    hmacKey: createHash('sha256').update(`palm-pii-hmac:${secret}`).digest(),
  };
}

export class Pii {
  constructor(private readonly keys: PiiKeys) {}

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('unrecognised sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.keys.encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Deterministic look-up key; `kind` keeps an ID number and a phone with equal digits apart. */
  lookupHash(kind: 'id' | 'phone' | 'otp' | 'licence', value: string): string {
    return createHmac('sha256', this.keys.hmacKey).update(`${kind}:${value}`).digest('base64url');
  }

  sameHash(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  }

  /** Expects an already validated ID (upper-case X). */
  protectIdNumber(idNumber: string): ProtectedIdNumber {
    return {
      idNumberEnc: this.encrypt(idNumber),
      idNumberHash: this.lookupHash('id', idNumber),
      idNumberMasked: maskIdNumber(idNumber),
    };
  }

  /** An e-licence's number (电子证照): sealed, its look-up HMAC, and its mask (maskLicenceNumber). */
  protectLicenceNumber(number: string): ProtectedLicenceNumber {
    return { numberEnc: this.encrypt(number), numberHash: this.lookupHash('licence', number), numberMasked: maskLicenceNumber(number) };
  }

  protectPhone(phone: string): ProtectedPhone {
    return { phoneEnc: this.encrypt(phone), phoneHash: this.lookupHash('phone', phone), phoneMasked: maskPhone(phone) };
  }
}
