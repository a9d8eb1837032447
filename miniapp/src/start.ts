// At launch: the platform's text size, then (for a stored session) the profile, whose 长辈版
// preference replaces the local one. Nothing here asks for permissions or signs anyone in.
import { getMe } from './api/me';
import { getSession } from './api/session';
import { applyServerPreferences, readSystemFontScale } from './theme/elder-mode';
import { updateElderState } from './theme/elder-store';

export async function startApp(): Promise<void> {
  updateElderState({ systemFontScale: readSystemFontScale() });
  if (!getSession().isSignedIn) return;
  try {
    applyServerPreferences(await getMe({ isQuiet: true, shouldRedirectToLogin: false }));
  } catch {
    // Offline or the session ended: the local preference stays; the pages show their own errors.
  }
}
