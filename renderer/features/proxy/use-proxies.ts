/**
 * The proxies and their live counters, asked of main (`proxy.list`) twice a second while the
 * panel is shown and at once after each command: one small answer, whatever the traffic, rather
 * than an event per delayed or dropped message.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProxyInfo } from '../../../shared/ipc/proxy-commands.js';
import { useModel } from '../../store/use-console.js';

/** How often the panel asks for the counters. */
export const PROXY_POLL_MS = 500;

/** The proxies as last heard, and the function that asks again now. */
export function useProxies(): { readonly proxies: readonly ProxyInfo[]; readonly refresh: () => void } {
  const model = useModel();
  const [proxies, setProxies] = useState<readonly ProxyInfo[]>([]);
  const alive = useRef(true);
  const refresh = useCallback(() => {
    void model.bridge.call('proxy.list', null).then((result) => {
      if (alive.current && result.ok) setProxies(result.value);
    });
  }, [model]);
  useEffect(() => {
    alive.current = true;
    refresh();
    const timer = setInterval(refresh, PROXY_POLL_MS);
    return () => {
      alive.current = false;
      clearInterval(timer);
    };
  }, [refresh]);
  return { proxies, refresh };
}
