// A QR drawn natively on each platform from the token alone (no network image, no image file):
// an SVG path on H5 (crisp at any zoom), the Canvas 2D API on the mini-programs. Its width is a
// share of the screen — at least 60 % of it in 长辈版 (DESIGN.md §4 / issue 15) — and it is one
// picture to a screen reader, named in words.
import { Canvas, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo } from 'react';
import { QUIET_ZONE, qrMatrix, qrPath, type QrMatrix } from './qr-path';
import './qr-code.scss';

export interface QrCodeProps {
  id: string;
  text: string;
  /** What the picture is, for screen readers. */
  label: string;
  /** The share of the screen's width the code takes on the mini-programs (H5: the stylesheet's). */
  screenShare: number;
}

/** The mini-programs: draw the modules on a 2D canvas at the screen's pixel ratio. */
function drawOnCanvas(id: string, matrix: QrMatrix, side: number): void {
  Taro.createSelectorQuery()
    .select(`#${id}`)
    .fields({ node: true, size: true })
    .exec((found: Array<{ node?: { width: number; height: number; getContext: (kind: '2d') => CanvasRenderingContext2D } } | null>) => {
      const canvas = found?.[0]?.node;
      if (!canvas) return;
      const ratio = Taro.getSystemInfoSync().pixelRatio || 2;
      const total = matrix.size + 2 * QUIET_ZONE;
      // Whole device pixels per module, so every edge is sharp.
      const module = Math.max(1, Math.floor((side * ratio) / total));
      canvas.width = module * total;
      canvas.height = module * total;
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.fillStyle = '#000000';
      for (let row = 0; row < matrix.size; row += 1) {
        for (let column = 0; column < matrix.size; column += 1) {
          if (matrix.isDark(row, column)) context.fillRect((column + QUIET_ZONE) * module, (row + QUIET_ZONE) * module, module, module);
        }
      }
    });
}

export function QrCode({ id, text, label, screenShare }: QrCodeProps) {
  const matrix = useMemo(() => qrMatrix(text), [text]);
  const side = process.env.TARO_ENV === 'h5' ? 0 : Math.floor(Taro.getSystemInfoSync().windowWidth * screenShare);

  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') drawOnCanvas(`${id}-canvas`, matrix, side);
  }, [id, matrix, side]);

  if (process.env.TARO_ENV === 'h5') {
    const total = matrix.size + 2 * QUIET_ZONE;
    return (
      <View id={id} className='licence-qr' role='img' aria-label={label}>
        <svg className='licence-qr__svg' viewBox={`0 0 ${total} ${total}`} shapeRendering='crispEdges' aria-hidden='true' focusable='false'>
          <rect width={total} height={total} fill='#ffffff' />
          <path d={qrPath(matrix)} fill='#000000' />
        </svg>
      </View>
    );
  }
  return (
    <View id={id} className='licence-qr' role='img' aria-label={label}>
      <Canvas type='2d' id={`${id}-canvas`} style={{ width: `${side}px`, height: `${side}px` }} />
    </View>
  );
}
