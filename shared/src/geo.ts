// Distances for "就近办" (nearest office first, DESIGN.md §5 GET /api/offices?lat=&lng=).
//
// Both points must be in the same datum. WeChat/Alipay `getLocation({ type: 'gcj02' })` and the
// maps used in China return GCJ-02, which is offset from WGS-84 by up to a few hundred metres:
// store office coordinates in the datum the clients send, or every distance carries that offset.

export interface LatLng {
  lat: number;
  lng: number;
}

/** Mean Earth radius R1 = (2a + b) / 3 of WGS-84 (IUGG), in metres. */
const EARTH_RADIUS_M = 6371008.8;

export function isValidLatLng(lat: number, lng: number): boolean {
  return (
    typeof lat === 'number' &&
    typeof lng === 'number' &&
    Number.isFinite(lat) &&
    Number.isFinite(lng) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lng) <= 180
  );
}

function toRadians(degrees: number): number {
  return (degrees * Math.PI) / 180;
}

/**
 * Great-circle distance in metres (haversine on a sphere). Spherical error is ≤ 0.5 % — plenty to
 * rank halls by distance. Throws a RangeError for coordinates outside ±90 / ±180 so a missing
 * location never sorts as NaN.
 */
export function distanceMeters(a: LatLng, b: LatLng): number {
  if (!isValidLatLng(a.lat, a.lng) || !isValidLatLng(b.lat, b.lng)) {
    throw new RangeError('Coordinates must be finite, |lat| ≤ 90 and |lng| ≤ 180');
  }
  const phi1 = toRadians(a.lat);
  const phi2 = toRadians(b.lat);
  const dPhi = phi2 - phi1;
  const dLambda = toRadians(b.lng - a.lng);
  const h = Math.sin(dPhi / 2) ** 2 + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) ** 2;
  // Clamp: rounding can push h a hair above 1 for antipodal points, and asin(>1) is NaN.
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(Math.min(1, Math.max(0, h))));
}
