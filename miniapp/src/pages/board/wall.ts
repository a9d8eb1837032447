// Whether the board is on a hall's wall screen: `?wall=1` says so, `?wall=0` says not, and
// otherwise a landscape screen at least 1024 px wide is taken for one. A wall screen fills the
// viewport without scrolling and hides the H5 back header (nobody navigates from a wall; it
// would take room from the calls); a phone opening the board keeps its way back.
import { useEffect, useState } from 'react';

export const WALL_QUERY = '(min-width: 1024px) and (orientation: landscape)';

export function isWallScreen(wall: string | undefined, matches: boolean): boolean {
  if (wall === '1') return true;
  if (wall === '0') return false;
  return matches;
}

/** The wall decision, following the screen when it turns or resizes (H5 only; false in a mini-program). */
export function useWallScreen(wall: string | undefined): boolean {
  const media = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(WALL_QUERY) : null;
  const [matches, setMatches] = useState(media?.matches ?? false);
  useEffect(() => {
    if (!media) return undefined;
    const onChange = () => setMatches(media.matches);
    media.addEventListener('change', onChange);
    onChange();
    return () => media.removeEventListener('change', onChange);
    // The query list is recreated each render; its text never changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return isWallScreen(wall, matches);
}
