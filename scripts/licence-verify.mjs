#!/usr/bin/env node
/* global fetch, AbortSignal -- Node's own (20.19+), not in the lint config's script globals */
// The standalone 亮证 verifier (DESIGN.md §4 "Offline check"): checks a token's signature, `alg`,
// `typ`, `aud` and expiry (±30 s) with `jose` and a JWK Set only — fetched from the BFF's
// /.well-known/jwks.json, or read from a file saved earlier (--save), so it works with the network
// off. It knows nothing of the BFF's code. Single use and the licence's current status (revoked,
// expired) are only known online: POST /api/licence-verifications at a window.
//
//   npm run licence:verify -- <token> [--jwks <url|file>] [--save <file>] [--at <ISO time>]
//
// --jwks: default $PALM_JWKS or http://127.0.0.1:3000/.well-known/jwks.json. --save writes the JWK
// Set used to <file> for later offline runs. --at checks as of that instant (default now).
// Exit code 0: the signature and claims check out; 1: refused (the code says why); 2: usage, or no keys.
import { readFile, writeFile } from 'node:fs/promises';
import { createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify } from 'jose';

const TYP = 'licence-qr+jwt';
const AUD = 'licence-verify';
const ALGORITHMS = ['ES256', 'EdDSA'];
const SKEW_SECONDS = 30;
const ONLINE_ONLY = '单次使用和证照当前状态（注销、过期）须联网到窗口核验（POST /api/licence-verifications）。';

function usage(message) {
  if (message) console.error(message);
  console.error('用法：npm run licence:verify -- <亮证码> [--jwks <网址或文件>] [--save <文件>] [--at <ISO 时间>]');
  process.exit(2);
}

function parseArgs(argv) {
  const args = { token: undefined, jwks: process.env.PALM_JWKS ?? 'http://127.0.0.1:3000/.well-known/jwks.json', save: undefined, at: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--jwks' || arg === '--save' || arg === '--at') {
      const value = argv[(i += 1)];
      if (value === undefined) usage(`${arg} 缺少参数`);
      args[arg.slice(2)] = value;
    } else if (arg === '--help' || arg === '-h') usage();
    else if (args.token === undefined) args.token = arg.trim();
    else usage(`多余的参数：${arg}`);
  }
  if (!args.token) usage('请提供亮证码');
  return args;
}

async function loadJwks(source) {
  const text = /^https?:\/\//.test(source)
    ? await fetch(source, { signal: AbortSignal.timeout(5000) }).then((res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return res.text();
      })
    : await readFile(source, 'utf8');
  const jwks = JSON.parse(text);
  if (!jwks || !Array.isArray(jwks.keys) || jwks.keys.length === 0) throw new Error('不是含有公钥的 JWK Set');
  return jwks;
}

/** The first check a token fails, as the BFF's code names it; null when it passes. */
async function check(token, jwks, at) {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) return { code: 'LICENCE_TOKEN_INVALID', why: '不是亮证码（JWS 紧凑格式）' };
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return { code: 'LICENCE_TOKEN_INVALID', why: '无法读取码头' };
  }
  if (!ALGORITHMS.includes(header.alg)) return { code: 'LICENCE_TOKEN_ALGORITHM', why: `签名算法 ${String(header.alg)} 不被接受` };
  if (header.typ !== TYP) return { code: 'LICENCE_TOKEN_TYPE', why: `类型 ${String(header.typ)} 不是 ${TYP}` };
  if (!jwks.keys.some((k) => k.kid === header.kid)) return { code: 'LICENCE_TOKEN_KEY_UNKNOWN', why: `公钥 ${String(header.kid)} 不在 JWK Set 中（可重新获取公钥后再试）` };
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { algorithms: ALGORITHMS, typ: TYP, audience: AUD, clockTolerance: SKEW_SECONDS, currentDate: at, requiredClaims: ['exp', 'iat', 'jti'] });
    return { payload, header };
  } catch (err) {
    if (err instanceof errors.JWTExpired) return { code: 'LICENCE_TOKEN_EXPIRED', why: '已过期（超过 60 秒有效期及 30 秒误差）' };
    if (err instanceof errors.JWTClaimValidationFailed && err.claim === 'aud') return { code: 'LICENCE_TOKEN_AUDIENCE', why: `用途 ${String(err.payload?.aud)} 不是 ${AUD}` };
    if (err instanceof errors.JWTClaimValidationFailed && err.claim === 'typ') return { code: 'LICENCE_TOKEN_TYPE', why: '类型不符' };
    return { code: 'LICENCE_TOKEN_INVALID', why: `签名或内容无效（${err.code ?? err.message}）` };
  }
}

const args = parseArgs(process.argv.slice(2));
const at = args.at ? new Date(args.at) : new Date();
if (Number.isNaN(at.getTime())) usage(`--at 不是有效时间：${args.at}`);
let jwks;
try {
  jwks = await loadJwks(args.jwks);
} catch (err) {
  console.error(`无法获取公钥（${args.jwks}）：${err.message}`);
  process.exit(2);
}
if (args.save) await writeFile(args.save, `${JSON.stringify(jwks, null, 2)}\n`);
const result = await check(args.token, jwks, at);
if (result.code) {
  console.log(`✗ 未通过：${result.code} — ${result.why}`);
  console.log(ONLINE_ONLY);
  process.exit(1);
}
const { payload, header } = result;
console.log('✓ 签名有效：由掌上办签发，类型、用途和有效期均符合。');
console.log(`  事由：${payload.pur}    证照编号（引用）：${payload.lid}`);
console.log(`  签发：${new Date(payload.iat * 1000).toISOString()}    有效至：${new Date(payload.exp * 1000).toISOString()}    公钥：${header.kid}（${header.alg}）`);
console.log(`注意：离线只能核对签名和有效期。${ONLINE_ONLY}`);
