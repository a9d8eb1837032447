// A 亮证 token as a QR matrix (the `qrcode` package's encoder, run on the device: no image is
// fetched) and as one SVG path of dark modules — one "h1v1h-1z" square per module, in a frame of
// QUIET_ZONE light modules on every side, so the code scans off a screen.
import { create } from 'qrcode';

/** Light modules around the code (ISO/IEC 18004 asks for 4). */
export const QUIET_ZONE = 4;

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  isDark: (row: number, column: number) => boolean;
}

/**
 * UTF-8 bytes without TextEncoder, which the mini-programs' JS engines lack (`qrcode` calls it for
 * a string). A token is ASCII (base64url and dots); anything else is encoded all the same.
 */
export function utf8Bytes(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return Uint8Array.from(bytes);
}

/** Error correction M: a phone screen is clean, and a smaller code has larger modules. One byte-mode segment. */
export function qrMatrix(text: string): QrMatrix {
  const { modules } = create([{ data: utf8Bytes(text), mode: 'byte' }], { errorCorrectionLevel: 'M' });
  return { size: modules.size, isDark: (row, column) => Boolean(modules.get(row, column)) };
}

/** The dark modules as one path, in a viewBox of `size + 2 × QUIET_ZONE` on each side. */
export function qrPath(matrix: QrMatrix): string {
  const parts: string[] = [];
  for (let row = 0; row < matrix.size; row += 1) {
    for (let column = 0; column < matrix.size; column += 1) {
      if (matrix.isDark(row, column)) parts.push(`M${column + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`);
    }
  }
  return parts.join('');
}
