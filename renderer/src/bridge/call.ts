import type { DroplinkBridge, InvokeArgs, InvokeName, InvokeResult } from '../shared/contract';
import { BridgeError } from './bridge-error';

declare global {
  interface Window {
    droplink?: DroplinkBridge;
  }
}

export function getBridge(): DroplinkBridge {
  const bridge = window.droplink;
  if (!bridge) throw new BridgeError('unavailable', 'Droplink must run inside the desktop app.');
  return bridge;
}

/** Invokes a call in main and unwraps its envelope: resolves with the value or throws a BridgeError. */
export async function call<N extends InvokeName>(name: N, args: InvokeArgs<N>): Promise<InvokeResult<N>> {
  const bridge = getBridge();
  let response;
  try {
    response = await bridge.invoke(name, args);
  } catch (error) {
    throw new BridgeError('internal', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw new BridgeError(response.error.code, response.error.message);
  return response.value;
}
