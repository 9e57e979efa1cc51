/** Debian's Chromium, offline: no background requests to the outside world. */
export const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** Chromium with a fake microphone (a periodic tone) that needs no permission prompt,
 *  and sound allowed without a click: for the audio tests. */
export const chromiumWithFakeMedia = {
  ...chromium,
  args: [
    ...chromium.args,
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    '--autoplay-policy=no-user-gesture-required',
  ],
};
