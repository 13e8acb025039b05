// Whether the evidence panel's device exists for the page: listed by the run on screen, or known from a
// verdict (a device seen in another window). A link to any other id names no device at all, so the panel
// must not offer it a verdict as if it were an unreviewed device.
export function isUnknownDevice({
  listed,
  hasVerdict,
  runCurrent,
}: {
  /** The run on screen lists the device. */
  listed: boolean;
  /** A verdict for the device exists on this hunt. */
  hasVerdict: boolean;
  /** The run on screen answers the current hunt, window and exclusions (not loading, not stale). */
  runCurrent: boolean;
}): boolean {
  return runCurrent && !listed && !hasVerdict;
}
