import fc from 'fast-check';
import { distanceMeters, isValidLatLng } from '../src/geo';

const point = fc.record({
  lat: fc.double({ min: -90, max: 90, noNaN: true }),
  lng: fc.double({ min: -180, max: 180, noNaN: true }),
});

describe('distanceMeters (haversine, R = 6371008.8 m)', () => {
  it('is 0 for the same point', () => {
    expect(distanceMeters({ lat: 39.9042, lng: 116.4074 }, { lat: 39.9042, lng: 116.4074 })).toBe(0);
  });

  it('gives one degree of latitude as 2πR/360 ≈ 111.195 km', () => {
    expect(distanceMeters({ lat: 30, lng: 120 }, { lat: 31, lng: 120 })).toBeCloseTo((2 * Math.PI * 6371008.8) / 360, 3);
  });

  it('measures Beijing Tiananmen to Shanghai People’s Square at about 1,067 km', () => {
    const d = distanceMeters({ lat: 39.9087, lng: 116.3975 }, { lat: 31.2304, lng: 121.4737 });
    expect(d).toBeGreaterThan(1_060_000);
    expect(d).toBeLessThan(1_075_000);
  });

  it('gives half the circumference for antipodal points without NaN', () => {
    expect(distanceMeters({ lat: 0, lng: 0 }, { lat: 0, lng: 180 })).toBeCloseTo(Math.PI * 6371008.8, 3);
    expect(distanceMeters({ lat: 90, lng: 0 }, { lat: -90, lng: 0 })).toBeCloseTo(Math.PI * 6371008.8, 3);
  });

  it('is symmetric, non-negative and at most half the circumference', () => {
    fc.assert(
      fc.property(point, point, (a, b) => {
        const d = distanceMeters(a, b);
        return d >= 0 && d <= Math.PI * 6371008.8 + 1e-6 && Math.abs(d - distanceMeters(b, a)) < 1e-6;
      }),
    );
  });

  // Haversine is ill-conditioned near antipodal points (h ≈ 1): a rounding error of one ulp in h
  // becomes centimetres there, hence the 0.5 m slack. Halls are never half a world apart.
  it('satisfies the triangle inequality to within rounding', () => {
    fc.assert(
      fc.property(point, point, point, (a, b, c) => distanceMeters(a, c) <= distanceMeters(a, b) + distanceMeters(b, c) + 0.5),
    );
  });

  it('satisfies the triangle inequality exactly enough within China', () => {
    const inChina = fc.record({ lat: fc.double({ min: 18, max: 54, noNaN: true }), lng: fc.double({ min: 73, max: 135, noNaN: true }) });
    fc.assert(
      fc.property(inChina, inChina, inChina, (a, b, c) => distanceMeters(a, c) <= distanceMeters(a, b) + distanceMeters(b, c) + 1e-6),
    );
  });

  it('throws rather than returning NaN for invalid coordinates', () => {
    expect(() => distanceMeters({ lat: 91, lng: 0 }, { lat: 0, lng: 0 })).toThrow(RangeError);
    expect(() => distanceMeters({ lat: 0, lng: 0 }, { lat: Number.NaN, lng: 0 })).toThrow(RangeError);
  });
});

describe('isValidLatLng', () => {
  it('accepts the closed ranges ±90 / ±180 and refuses the rest', () => {
    expect(isValidLatLng(90, -180)).toBe(true);
    expect(isValidLatLng(31.23, 121.47)).toBe(true);
    expect(isValidLatLng(90.0001, 0)).toBe(false);
    expect(isValidLatLng(0, 180.5)).toBe(false);
    expect(isValidLatLng(Number.NaN, 0)).toBe(false);
    expect(isValidLatLng(0, Number.POSITIVE_INFINITY)).toBe(false);
    expect(isValidLatLng('31' as unknown as number, 121)).toBe(false);
  });
});
