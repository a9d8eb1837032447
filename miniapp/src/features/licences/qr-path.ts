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

/** Error correction M: a phone screen is clean, and a smaller code has larger modules. */
export function qrMatrix(text: string): QrMatrix {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
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
