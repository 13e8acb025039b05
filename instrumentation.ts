// Runs once when the server starts, before it takes requests. The checks are Node.js-only (they can end
// the process), so they are loaded only in the Node.js runtime.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkSettingsOrExit, startRecording, warmUp } = await import('@/lib/startup-checks');
    checkSettingsOrExit();
    // TRACE: answered with a 405 before Next.js, which cannot represent it, fails on it.
    const { answerForbiddenMethods } = await import('@/lib/api/forbidden-methods');
    answerForbiddenMethods();
    warmUp();
    startRecording();
  }
}
