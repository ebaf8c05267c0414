/**
 * The PCI DSS SAQ-A mode (qenta-protocol §6.5), loaded only when `mode="pci3"`: the container the
 * gateway script builds its iframe in, and the two messages the element accepts from that iframe.
 */
import type { GatewayDataStorage } from './loader.ts';

let counter = 0;

/** A built gateway iframe and how to take it down again. */
export interface MountedFrame {
  container: HTMLElement;
  /**
   * Settles when the iframe's fields have loaded: on its `{ type: 'qenta:ready' }` message, or
   * its `load` event for a gateway that posts none (the message format is the emulator's; the
   * gateway's own is UNCONFIRMED, §6), or when the frame is disposed.
   */
  ready: Promise<void>;
  dispose(): void;
}

/**
 * Creates the light-DOM container (the gateway script finds it with `document.getElementById`, so
 * it can not live in the shadow root; `slot="frame"` places it in the element's layout), calls
 * the script's `buildIframe…` method, and listens for the ready message and `{ height }` messages
 * from that iframe only: same window object and the gateway's origin, anything else is ignored.
 *
 * @example
 * ```ts
 * const mounted = mountFrame({ host, storage, method: 'buildIframeCreditCard', height: '250px', title: 'Card details', origin });
 * mounted.dispose();
 * ```
 */
export function mountFrame(options: {
  host: HTMLElement;
  storage: GatewayDataStorage;
  method: string;
  height: string;
  title: string | undefined;
  origin: string;
}): MountedFrame {
  const container = document.createElement('div');
  container.id = `qenta-frame-${++counter}`;
  container.slot = 'frame';
  options.host.append(container);
  (options.storage[options.method] as (id: string, width: string, height: string) => unknown).call(
    options.storage,
    container.id,
    '100%',
    options.height,
  );
  const iframe = container.querySelector('iframe');
  iframe?.setAttribute('title', options.title ?? 'Card details');
  let loaded = () => {};
  const ready = new Promise<void>((resolve) => {
    loaded = resolve;
  });
  if (iframe) iframe.addEventListener('load', () => loaded(), { once: true });
  else loaded();
  const onMessage = (event: MessageEvent) => {
    if (!iframe || event.source !== iframe.contentWindow || event.origin !== options.origin) return;
    if ((event.data as { type?: unknown } | null)?.type === 'qenta:ready') loaded();
    const height = (event.data as { height?: unknown } | null)?.height;
    // CSSOM writes are allowed under a strict style-src (no inline style attribute involved).
    if (typeof height === 'number' && height > 0 && height < 2000)
      iframe.style.height = `${height}px`;
  };
  window.addEventListener('message', onMessage);
  return {
    container,
    ready,
    dispose() {
      window.removeEventListener('message', onMessage);
      container.remove();
      loaded();
    },
  };
}
